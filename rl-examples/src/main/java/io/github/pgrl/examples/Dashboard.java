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
 * the rows after the byte where its last answer ended ({@code ?from=N}, given back in the header {@code
 * X-Next-Offset}), so a request reads only what is new. A file that shrank (a resumed run cut the rows the
 * checkpoint did not hold) is sent as {@code reset}, and an offset that is no longer the start of a row is
 * answered with the whole file and {@code X-Reset: 1}; the page then reads it again.
 *
 * <p>Hostile requests: the server answers only requests addressed to the name it listens on (the {@code
 * Host} header must be 127.0.0.1, localhost or [::1] with its port when it listens on the loopback
 * address, so that a web page cannot reach it by DNS rebinding), at most {@value #MAX_STREAMS} event
 * streams at once (each holds a thread), and a failure while answering is a 500 with its message.
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
  /** The most event streams served at once: each holds a thread, and a few pages are all one run needs. */
  static final int MAX_STREAMS = 8;

  private final List<Path> runs;
  private final HttpServer server;
  private final ExecutorService threads;
  /** The Host headers this server answers, lower case; empty when it listens on every interface. */
  private final java.util.Set<String> hosts;
  private final java.util.concurrent.Semaphore streams = new java.util.concurrent.Semaphore(MAX_STREAMS);
  private volatile boolean closed;

  private Dashboard(List<Path> runs, HttpServer server, ExecutorService threads) {
    this.runs = runs;
    this.server = server;
    this.threads = threads;
    InetSocketAddress a = server.getAddress();
    String port = ":" + a.getPort();
    if (a.getAddress().isAnyLocalAddress()) {
      hosts = java.util.Set.of(); // every interface, as the user asked: any name may reach it
    } else if (a.getAddress().isLoopbackAddress()) {
      hosts = java.util.Set.of("127.0.0.1" + port, "localhost" + port, "[::1]" + port, "127.0.0.1", "localhost",
          "[::1]");
    } else {
      String address = a.getAddress().getHostAddress();
      String name = address.contains(":") ? "[" + address + "]" : address;
      hosts = java.util.Set.of(name + port, name);
    }
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
      String host = ex.getRequestHeaders().getFirst("Host");
      if (!hosts.isEmpty() && (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT)))) {
        send(ex, 421, "text/plain", "this dashboard answers only requests to " + hosts + "\n");
        return;
      }
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
    } catch (IOException | RuntimeException e) {
      // a file that cannot be read (or a page that went away): say so if the answer has not begun
      if (ex.getResponseCode() < 0) {
        try {
          send(ex, 500, "text/plain", "cannot answer " + ex.getRequestURI().getPath() + ": " + e + "\n");
        } catch (IOException gone) {
          // the page went away
        }
      }
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
    Rows rows = rows(dir.resolve(parts[1]), from(ex.getRequestURI()));
    ex.getResponseHeaders().set("X-Next-Offset", Long.toString(rows.next()));
    if (rows.reset()) {
      ex.getResponseHeaders().set("X-Reset", "1");
    }
    send(ex, 200, "text/csv", rows.text());
  }

  private static long from(URI uri) {
    String q = uri.getQuery();
    return q != null && q.matches("from=\\d{1,15}") ? Long.parseLong(q.substring(5)) : 0;
  }

  /** A CSV's header and complete rows from a byte offset, the offset after them, and whether it began anew. */
  record Rows(String text, long next, boolean reset) {}

  /**
   * The header and the complete rows of a CSV from byte {@code from} on (a row still being written is left
   * out): {@code from} 0 means after the header. An offset past the end, or not at the start of a row (the
   * file was cut and written again), gives the whole file, marked {@code reset}. Reads only the header and
   * what follows {@code from}.
   */
  static Rows rows(Path file, long from) throws IOException {
    if (!Files.exists(file)) {
      return new Rows("", 0, from > 0);
    }
    try (java.nio.channels.FileChannel in = java.nio.channels.FileChannel.open(file)) {
      long size = in.size();
      byte[] head = read(in, 0, (int) Math.min(size, 4096));
      int headerEnd = indexOf(head, 0);
      if (headerEnd < 0) {
        return new Rows("", 0, from > 0); // no complete header yet
      }
      boolean reset = false;
      if (from != 0 && (from > size || from <= headerEnd || read(in, from - 1, 1)[0] != '\n')) {
        reset = true;
      }
      long start = from == 0 || reset ? headerEnd + 1 : from;
      byte[] tail = read(in, start, (int) Math.min(size - start, Integer.MAX_VALUE - 16));
      int end = lastIndexOf(tail) + 1; // up to the last complete row
      String text = new String(head, 0, headerEnd + 1, StandardCharsets.UTF_8)
          + new String(tail, 0, end, StandardCharsets.UTF_8);
      return new Rows(text, start + end, reset);
    }
  }

  private static byte[] read(java.nio.channels.FileChannel in, long position, int length) throws IOException {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(Math.max(0, length));
    while (b.hasRemaining() && in.read(b, position + b.position()) > 0) {
      // until full or at the end
    }
    return java.util.Arrays.copyOf(b.array(), b.position());
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(byte[] bytes) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
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
          p.stringPropertyNames().forEach(k -> properties.put(k, p.getProperty(k)));
        } catch (IOException | IllegalArgumentException e) {
          properties.put("(unreadable " + RunProperties.FILE + ")", String.valueOf(e.getMessage()));
        }
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
    if (!streams.tryAcquire()) {
      send(ex, 503, "text/plain", MAX_STREAMS + " pages follow this dashboard already; close one\n");
      return;
    }
    try {
      stream(ex);
    } finally {
      streams.release();
    }
  }

  private void stream(HttpExchange ex) throws IOException {
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
