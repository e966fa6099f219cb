package io.github.pgrl.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A read-only web page of training runs: their learning curves by episode and by wall time, the per-update
 * statistics, the options and machine of each, and the newest GIF in each folder, updated while they train.
 *
 * <p>The JDK's {@code HttpServer} serves it (no dependency, and a page with a few requests a second needs no
 * more). Bound to 127.0.0.1 unless asked otherwise; it answers GET and HEAD only, and reads only the files of
 * a run that it names itself ({@value EpisodeTraining#METRICS}, {@value ActorCriticTraining#UPDATES},
 * {@value RunProperties#FILE}, the newest {@code .gif}): a request cannot name a path. The page, its script
 * and uPlot (a small charting library, from its WebJar) are resources of the jar, so nothing is fetched from
 * the internet.
 *
 * <p>Live updates are server-sent events ({@code /events}): once a second the server compares the sizes of
 * every run's files with those it last saw and sends one event per file that grew; the page then asks for
 * the rows after those it has ({@code ?skip=N}). A file that shrank (a resumed run cut the rows the
 * checkpoint did not hold) is sent as {@code reset}, and the page reads it again.
 */
final class Dashboard implements AutoCloseable {

  /** The files of a run the page reads, by the name the page uses. */
  static final List<String> FILES = List.of(EpisodeTraining.METRICS, ActorCriticTraining.UPDATES);
  private static final String WEBJAR = "/META-INF/resources/webjars/uplot/1.6.30/dist/";
  /** The static resources by their address. */
  private static final Map<String, String> RESOURCES = Map.of(
      "/", "/io/github/pgrl/examples/dashboard/index.html",
      "/dashboard.js", "/io/github/pgrl/examples/dashboard/dashboard.js",
      "/dashboard.css", "/io/github/pgrl/examples/dashboard/dashboard.css",
      "/uPlot.iife.min.js", WEBJAR + "uPlot.iife.min.js",
      "/uPlot.min.css", WEBJAR + "uPlot.min.css");
  private static final long POLL_MILLIS = 1000;

  private final List<Path> runs;
  private final HttpServer server;
  private final ExecutorService threads;
  private volatile boolean closed;

  private Dashboard(List<Path> runs, HttpServer server, ExecutorService threads) {
    this.runs = runs;
    this.server = server;
    this.threads = threads;
  }

  /**
   * Serves the runs in these folders.
   *
   * @param runs run folders (they need not hold any file yet)
   * @param host the address to bind, such as {@code 127.0.0.1}
   * @param port the port, or 0 for a free one
   * @throws IllegalArgumentException if the port is outside 0–65535 or there is no run
   * @throws UncheckedIOException if the address cannot be bound (the port in use, say), with the address
   */
  static Dashboard start(List<Path> runs, String host, int port) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no run folder to show");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port " + port + " is not a TCP port (0 to 65535; 0 picks a free one)");
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve the dashboard on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    // daemon threads: an open page must not keep a finished training's JVM alive
    ExecutorService threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "pgrl-dashboard");
      t.setDaemon(true);
      return t;
    });
    Dashboard d = new Dashboard(List.copyOf(runs), server, threads);
    server.setExecutor(threads);
    server.createContext("/", d::handle);
    server.start();
    return d;
  }

  /** The page's address. */
  URI uri() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
  }

  @Override
  public void close() {
    closed = true;
    server.stop(0);
    threads.shutdownNow();
    try {
      threads.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        send(ex, 405, "text/plain", "read-only: GET and HEAD only\n");
        return;
      }
      String path = ex.getRequestURI().getPath();
      if (RESOURCES.containsKey(path)) {
        resource(ex, RESOURCES.get(path));
      } else if (path.equals("/api/runs")) {
        send(ex, 200, "application/json", runsJson());
      } else if (path.equals("/events")) {
        events(ex);
      } else if (path.startsWith("/api/runs/")) {
        runFile(ex, path.substring("/api/runs/".length()));
      } else {
        send(ex, 404, "text/plain", "not found: " + path + "\n");
      }
    } catch (IOException e) {
      // the page went away mid-answer: nothing to do
    }
  }

  /** {@code /api/runs/<index>/<file>}: a CSV's header and its rows after the first {@code skip}, or the newest GIF. */
  private void runFile(HttpExchange ex, String rest) throws IOException {
    String[] parts = rest.split("/", -1);
    int index = parts.length == 2 && parts[0].matches("\\d{1,4}") ? Integer.parseInt(parts[0]) : -1;
    if (index < 0 || index >= runs.size()) {
      send(ex, 404, "text/plain", "no run " + parts[0] + " (there are " + runs.size() + ")\n");
      return;
    }
    Path dir = runs.get(index);
    if (parts[1].equals("frame.gif")) {
      Path gif = newestGif(dir);
      if (gif == null) {
        send(ex, 404, "text/plain", "no GIF in " + dir + "\n");
      } else {
        send(ex, 200, "image/gif", Files.readAllBytes(gif));
      }
      return;
    }
    if (!FILES.contains(parts[1])) {
      send(ex, 404, "text/plain", "a run's files here are " + FILES + " and frame.gif\n");
      return;
    }
    send(ex, 200, "text/csv", rows(dir.resolve(parts[1]), skip(ex.getRequestURI())));
  }

  private static int skip(URI uri) {
    String q = uri.getQuery();
    if (q != null && q.matches("skip=\\d{1,9}")) {
      return Integer.parseInt(q.substring(5));
    }
    return 0;
  }

  /** The header and the complete rows after the first {@code skip} (a row still being written is left out). */
  static String rows(Path file, int skip) throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n') + 1;
    String[] lines = text.substring(0, end).split("\n", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.length - 1; i++) {
      if (i == 0 || i > skip) {
        out.append(lines[i]).append('\n');
      }
    }
    return out.toString();
  }

  private static Path newestGif(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return null;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gif"))
          .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified())).orElse(null);
    }
  }

  /** The runs: name, folder, and the options and machine stored with each. */
  private String runsJson() throws IOException {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < runs.size(); i++) {
      Path dir = runs.get(i);
      Map<String, String> properties = new TreeMap<>();
      Path file = dir.resolve(RunProperties.FILE);
      if (Files.exists(file)) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
          p.load(in);
        }
        p.stringPropertyNames().forEach(k -> properties.put(k, p.getProperty(k)));
      }
      json.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":").append(Cli.jsonString(name(dir)))
          .append(",\"folder\":").append(Cli.jsonString(dir.toAbsolutePath().normalize().toString())).append(",\"properties\":{");
      int k = 0;
      for (Map.Entry<String, String> e : properties.entrySet()) {
        json.append(k++ == 0 ? "" : ",").append(Cli.jsonString(e.getKey())).append(':').append(Cli.jsonString(e.getValue()));
      }
      json.append("}}");
    }
    return json.append("]").toString();
  }

  private static String name(Path dir) {
    Path n = dir.toAbsolutePath().normalize().getFileName();
    return n == null ? dir.toString() : n.toString();
  }

  /** Server-sent events: one per run file that changed size since the last look, until the page closes. */
  private void events(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    long[][] seen = new long[runs.size()][FILES.size()];
    out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
    while (!closed) {
      List<String> events = new ArrayList<>();
      for (int r = 0; r < runs.size(); r++) {
        for (int f = 0; f < FILES.size(); f++) {
          Path file = runs.get(r).resolve(FILES.get(f));
          long size = Files.exists(file) ? Files.size(file) : 0;
          if (size != seen[r][f]) {
            String kind = size < seen[r][f] ? "reset" : "grew";
            seen[r][f] = size;
            events.add("data: {\"run\":" + r + ",\"file\":" + Cli.jsonString(FILES.get(f)) + ",\"kind\":\"" + kind + "\"}\n\n");
          }
        }
      }
      // a comment line every round: how a closed page is noticed (the write fails)
      events.add(": alive\n\n");
      for (String e : events) {
        out.write(e.getBytes(StandardCharsets.UTF_8));
      }
      out.flush();
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void resource(HttpExchange ex, String name) throws IOException {
    try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
      if (in == null) {
        send(ex, 500, "text/plain", "the jar lacks " + name + "\n");
        return;
      }
      String type = name.endsWith(".html") ? "text/html" : name.endsWith(".css") ? "text/css" : "text/javascript";
      send(ex, 200, type, in.readAllBytes());
    }
  }

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    send(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type.startsWith("image/") ? type : type + "; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      ex.getResponseBody().write(body);
    }
  }
}
