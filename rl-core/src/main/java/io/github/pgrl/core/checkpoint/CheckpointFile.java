package io.github.pgrl.core.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * A set of named values (float and double arrays, longs, doubles, strings) in pgrl's checkpoint format.
 *
 * <p>Layout (all numbers little-endian): the 8 ASCII bytes {@code PGRLCKPT}; the format version (int32,
 * now {@value #FORMAT_VERSION}); the number of entries (int32); each entry as its name (int32 length,
 * UTF-8 bytes), a type byte (1 float32 array, 2 float64 array, 3 int64, 4 float64, 5 UTF-8 string) and
 * its payload (arrays and strings with an int32 length first); last, the CRC-32 of all bytes before it
 * (int64).
 *
 * <p>{@link #write(Path)} writes to a temporary file in the same folder, forces it to disk and moves it
 * over the target atomically, so a crash or a kill never leaves a half-written checkpoint under the
 * target's name; {@link #writeRotating(Path, int)} also keeps the previous ones, and {@link
 * #readLatest(Path)} reads the newest valid one. {@link #read(Path)} treats a file as untrusted input: it
 * opens only a regular file of at most {@link #MAX_BYTES} bytes, checks the magic bytes, the checksum and
 * the version before it trusts anything in the file, and reports a damaged file with a {@link
 * CheckpointException}, never an {@code EOFException}, a buffer error or an {@link OutOfMemoryError}. A
 * valid checksum says only that the file is intact, not that its values make sense: the reader of an
 * entry checks them (as {@code Reinforce} does).
 *
 * @since 0.1.0
 */
public final class CheckpointFile {

  /** The format version this class writes and reads. */
  public static final int FORMAT_VERSION = 1;

  /**
   * The largest file {@link #read(Path)} reads, 1 GiB: a checkpoint of the Pong network (1.28 million
   * parameters and their optimizer state) has about 10 MB.
   */
  public static final long MAX_BYTES = 1L << 30;

  private static final byte[] MAGIC = "PGRLCKPT".getBytes(StandardCharsets.US_ASCII);
  private static final byte FLOATS = 1;
  private static final byte DOUBLES = 2;
  private static final byte LONG = 3;
  private static final byte DOUBLE = 4;
  private static final byte STRING = 5;

  private final Map<String, Object> entries = new LinkedHashMap<>();
  /** Where the entries were read from, for messages; {@code null} for a checkpoint made in memory. */
  private String source;

  /** An empty checkpoint. */
  public CheckpointFile() {}

  /**
   * Adds or replaces a float array.
   *
   * @param name the entry's name, not empty
   * @param values the values; copied
   * @return this
   */
  public CheckpointFile putFloats(String name, float[] values) {
    entries.put(checkName(name), values.clone());
    return this;
  }

  /**
   * Adds or replaces a double array.
   *
   * @param name the entry's name, not empty
   * @param values the values; copied
   * @return this
   */
  public CheckpointFile putDoubles(String name, double[] values) {
    entries.put(checkName(name), values.clone());
    return this;
  }

  /**
   * Adds or replaces a long.
   *
   * @param name the entry's name, not empty
   * @param value the value
   * @return this
   */
  public CheckpointFile putLong(String name, long value) {
    entries.put(checkName(name), value);
    return this;
  }

  /**
   * Adds or replaces a double.
   *
   * @param name the entry's name, not empty
   * @param value the value
   * @return this
   */
  public CheckpointFile putDouble(String name, double value) {
    entries.put(checkName(name), value);
    return this;
  }

  /**
   * Adds or replaces a string.
   *
   * @param name the entry's name, not empty
   * @param value the value, not {@code null}
   * @return this
   */
  public CheckpointFile putString(String name, String value) {
    entries.put(checkName(name), Objects.requireNonNull(value, "value"));
    return this;
  }

  private static String checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a checkpoint entry needs a non-empty name");
    }
    return name;
  }

  /** {@return the names of the entries, in the order they were added, as an unmodifiable view} */
  public java.util.Set<String> names() {
    return Collections.unmodifiableSet(entries.keySet());
  }

  /**
   * Whether an entry exists.
   *
   * @param name the name
   * @return {@code true} if present
   */
  public boolean has(String name) {
    return entries.containsKey(name);
  }

  /**
   * A float array entry.
   *
   * @param name the name
   * @return a copy of the values
   * @throws CheckpointException if the entry is missing or of another type
   */
  public float[] floats(String name) {
    return get(name, float[].class).clone();
  }

  /**
   * A double array entry.
   *
   * @param name the name
   * @return a copy of the values
   * @throws CheckpointException if the entry is missing or of another type
   */
  public double[] doubles(String name) {
    return get(name, double[].class).clone();
  }

  /**
   * A long entry.
   *
   * @param name the name
   * @return the value
   * @throws CheckpointException if the entry is missing or of another type
   */
  public long getLong(String name) {
    return get(name, Long.class);
  }

  /**
   * A double entry.
   *
   * @param name the name
   * @return the value
   * @throws CheckpointException if the entry is missing or of another type
   */
  public double getDouble(String name) {
    return get(name, Double.class);
  }

  /**
   * A string entry.
   *
   * @param name the name
   * @return the value
   * @throws CheckpointException if the entry is missing or of another type
   */
  public String getString(String name) {
    return get(name, String.class);
  }

  private <T> T get(String name, Class<T> type) {
    Object v = entries.get(name);
    String checkpoint = describe();
    if (v == null) {
      throw new CheckpointException(checkpoint + " has no entry '" + name + "'");
    }
    if (!type.isInstance(v)) {
      throw new CheckpointException(checkpoint + ": the entry '" + name + "' is a " + v.getClass().getSimpleName()
          + ", not a " + type.getSimpleName());
    }
    return type.cast(v);
  }

  /** {@return "the checkpoint", followed by where it was read from if it was read, for messages} */
  String describe() {
    return source == null ? "the checkpoint" : "the checkpoint " + source;
  }

  /** {@return the file's bytes, checksum included} */
  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    writeInt(out, FORMAT_VERSION);
    writeInt(out, entries.size());
    for (Map.Entry<String, Object> e : entries.entrySet()) {
      writeString(out, e.getKey());
      Object v = e.getValue();
      if (v instanceof float[] f) {
        out.write(FLOATS);
        ByteBuffer bb = ByteBuffer.allocate(4 + 4 * f.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.putInt(f.length);
        bb.asFloatBuffer().put(f);
        out.writeBytes(bb.array());
      } else if (v instanceof double[] d) {
        out.write(DOUBLES);
        ByteBuffer bb = ByteBuffer.allocate(4 + 8 * d.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.putInt(d.length);
        bb.asDoubleBuffer().put(d);
        out.writeBytes(bb.array());
      } else if (v instanceof Long l) {
        out.write(LONG);
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(l).array());
      } else if (v instanceof Double d) {
        out.write(DOUBLE);
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(d).array());
      } else {
        out.write(STRING);
        writeString(out, (String) v);
      }
    }
    CRC32 crc = new CRC32();
    byte[] body = out.toByteArray();
    crc.update(body);
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(crc.getValue()).array());
    return out.toByteArray();
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
  }

  private static void writeString(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeInt(out, b.length);
    out.writeBytes(b);
  }

  /**
   * Writes the checkpoint atomically: to a temporary file in the target's folder, forced to disk, then
   * moved over the target.
   *
   * <p>The new file gets the POSIX permissions of the file it replaces, or rw-r--r-- if there was none. A
   * target that is a symbolic link is replaced by the new file, and the file the link pointed to is left as
   * it was. A write killed before its move leaves its temporary file behind ({@link
   * #deleteTemporaries(Path)} removes it).
   *
   * @param target the file to write; its folder must exist
   * @throws UncheckedIOException if writing fails; the target is then unchanged
   */
  public void write(Path target) {
    writeRotating(target, 1);
  }

  /**
   * Writes the checkpoint atomically and keeps the {@code keep − 1} previous ones as {@code target.1}
   * (the newest) … {@code target.(keep−1)}.
   *
   * <p>The new checkpoint is complete on disk before any older file is renamed, and every rename is
   * atomic, so at every moment of the write — and after a crash or a kill at any moment — the newest
   * complete checkpoint is one of these files; {@link #readLatest(Path)} finds it. Permissions, symbolic
   * links and temporary files are as for {@link #write(Path)} (a link at {@code target} is renamed to
   * {@code target.1}, still a link).
   *
   * @param target the file to write; its folder must exist
   * @param keep how many checkpoints to keep, the new one included, at least 1
   * @throws IllegalArgumentException if {@code keep < 1}
   * @throws UncheckedIOException if writing fails; the files are then unchanged
   */
  public void writeRotating(Path target, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep at least 1 checkpoint, got " + keep);
    }
    write(target, keep, -1);
  }

  /** Writes as {@link #writeRotating}; with {@code failAfter >= 0}, fails after that many bytes (tests). */
  void write(Path target, int keep, long failAfter) {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    byte[] bytes = toBytes();
    Path tmp = null;
    try {
      tmp = temporary(abs);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer bb = ByteBuffer.wrap(bytes);
        if (failAfter >= 0) {
          bb.limit((int) Math.min(bytes.length, failAfter));
          while (bb.hasRemaining()) {
            ch.write(bb);
          }
          throw new IOException("injected failure after " + failAfter + " bytes");
        }
        while (bb.hasRemaining()) {
          ch.write(bb);
        }
        ch.force(true);
      }
      copyPermissions(abs, tmp);
      for (int i = keep - 1; i >= 1; i--) {
        Path older = rotated(abs, i - 1);
        if (Files.exists(older)) {
          move(older, rotated(abs, i));
        }
      }
      move(tmp, abs);
      tmp = null;
      forceDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the checkpoint " + abs + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the temporary file is harmless; the target was not touched
        }
      }
    }
  }

  /** A new temporary file for a write of {@code target}, in its folder: {@code .<name>.<digits>.tmp}. */
  static Path temporary(Path target) throws IOException {
    return Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
  }

  /** Whether {@code file} is named as {@link #temporary} names the temporary files of {@code target}. */
  private static boolean isTemporary(Path file, Path target) {
    String name = file.getFileName().toString();
    String prefix = "." + target.getFileName() + ".";
    if (!name.startsWith(prefix) || !name.endsWith(".tmp") || name.length() <= prefix.length() + 4) {
      return false;
    }
    return name.substring(prefix.length(), name.length() - 4).chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /**
   * Deletes the temporary files that interrupted writes of {@code target} left in its folder. A write that
   * fails removes its temporary file, but one killed (SIGKILL, a power cut) before it moved the file over
   * the target leaves it there, named {@code .<target's name>.<digits>.tmp}. Only regular files named
   * exactly so are deleted; the checkpoints themselves, their rotated copies and the temporaries of other
   * targets are not.
   *
   * <p>Call this only while no other process or thread writes {@code target}: a running write's temporary
   * file would be deleted and that write would fail.
   *
   * @param target the checkpoint whose temporaries to delete; its folder must exist
   * @return how many files were deleted
   * @throws UncheckedIOException if the folder cannot be listed or a temporary file cannot be deleted
   */
  public static int deleteTemporaries(Path target) {
    Path abs = target.toAbsolutePath();
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(abs.getParent(), f -> isTemporary(f, abs))) {
      for (Path f : files) {
        if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(f)) {
          deleted++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the temporary files of " + abs + ": " + e.getMessage(), e);
    }
    return deleted;
  }

  /**
   * Gives the new file the permissions of the file it replaces ({@code target}, or the file a link there
   * points to), or the usual rw-r--r-- for a new target, instead of a temporary file's owner-only ones.
   */
  private static void copyPermissions(Path target, Path file) {
    try {
      Files.setPosixFilePermissions(file, Files.exists(target)
          ? Files.getPosixFilePermissions(target)
          : PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system (or the target vanished meanwhile): keep what it gives
    }
  }

  /** {@code target} for 0, {@code target.i} for i ≥ 1. */
  static Path rotated(Path target, int i) {
    return i == 0 ? target : target.resolveSibling(target.getFileName() + "." + i);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Reads the newest valid checkpoint among {@code target}, {@code target.1}, {@code target.2}, … (as kept
   * by {@link #writeRotating}).
   *
   * @param target the newest checkpoint's name
   * @return the newest file that exists and is valid
   * @throws CheckpointException if none is; the message gives each file's problem
   */
  public static Loaded readLatest(Path target) {
    StringBuilder problems = new StringBuilder();
    for (int i = 0; ; i++) {
      Path file = rotated(target, i);
      if (!Files.exists(file)) {
        if (i == 0) {
          problems.append(file).append(": the file does not exist; ");
          continue;
        }
        break;
      }
      try {
        return new Loaded(file, read(file), problems.toString());
      } catch (CheckpointException e) {
        problems.append(e.getMessage()).append("; ");
      }
    }
    throw new CheckpointException("no valid checkpoint at " + target
        + (problems.length() > 0 ? ": " + problems.substring(0, problems.length() - 2) : ""));
  }

  /**
   * A checkpoint found by {@link #readLatest(Path)}.
   *
   * @param file the file it was read from
   * @param checkpoint its entries
   * @param skipped why newer files were passed over, empty if none was
   */
  public record Loaded(Path file, CheckpointFile checkpoint, String skipped) {}

  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // not every platform can sync a directory; the file itself is on disk
    }
  }

  /**
   * Reads and verifies a checkpoint file.
   *
   * <p>A checkpoint is untrusted input, and reading one allocates no more than about twice its size: only
   * a regular file (or a symbolic link to one) of at most {@link #MAX_BYTES} bytes is opened. A directory,
   * a device such as {@code /dev/zero} or a named pipe is refused without being opened (opening a pipe
   * would wait for a writer). A file too large for the heap is reported as such, not as an {@link
   * OutOfMemoryError}.
   *
   * @param file the file
   * @return its entries
   * @throws CheckpointException if the file is missing, not a regular file, larger than {@link
   *     #MAX_BYTES}, too large for the heap, not a pgrl checkpoint, damaged (checksum mismatch, truncated)
   *     or of an unsupported format version
   */
  public static CheckpointFile read(Path file) {
    if (!Files.isRegularFile(file)) {
      if (!Files.exists(file)) {
        throw new CheckpointException("no checkpoint at " + file + ": the file does not exist");
      }
      throw new CheckpointException(file + " is not a checkpoint: it is "
          + (Files.isDirectory(file) ? "a directory" : "not a regular file (a device, a pipe or a socket)")
          + "; a checkpoint is a regular file");
    }
    long size = 0;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      size = ch.size();
      if (size > MAX_BYTES) {
        throw new CheckpointException(file + " has " + size + " bytes, more than the " + MAX_BYTES + " a pgrl checkpoint"
            + " may have (CheckpointFile.MAX_BYTES): it is not a checkpoint");
      }
      ByteBuffer bytes = ByteBuffer.allocate((int) size);
      while (bytes.hasRemaining() && ch.read(bytes) >= 0) {
        // a file that shrinks meanwhile is read as truncated, which the checksum reports
      }
      byte[] read = bytes.hasRemaining() ? Arrays.copyOf(bytes.array(), bytes.position()) : bytes.array();
      return fromBytes(read, file.toString());
    } catch (NoSuchFileException e) {
      throw new CheckpointException("no checkpoint at " + file + ": the file does not exist", e);
    } catch (IOException e) {
      throw new CheckpointException("could not read the checkpoint " + file + ": " + e.getMessage(), e);
    } catch (OutOfMemoryError e) {
      throw new CheckpointException("the checkpoint " + file + " has " + size + " bytes, too many for this JVM's heap"
          + " (at most " + Runtime.getRuntime().maxMemory() + " bytes): reading a checkpoint takes about twice its"
          + " size; start java with a larger -Xmx", e);
    }
  }

  /**
   * Decodes a checkpoint from its bytes.
   *
   * @param bytes the encoded checkpoint
   * @param source a name for messages (a file name)
   * @return its entries
   * @throws CheckpointException if the bytes are not a valid checkpoint
   */
  public static CheckpointFile fromBytes(byte[] bytes, String source) {
    if (bytes.length < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new CheckpointException(source + " is not a pgrl checkpoint (it does not start with PGRLCKPT)");
    }
    if (bytes.length < MAGIC.length + 4 + 4 + 8) {
      throw new CheckpointException(source + " is a truncated pgrl checkpoint (" + bytes.length + " bytes)");
    }
    ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int version = bb.getInt(MAGIC.length);
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    long stored = bb.getLong(bytes.length - 8);
    if (stored != crc.getValue()) {
      throw new CheckpointException(
          source + ": checksum mismatch, the checkpoint is corrupted or truncated"
              + (version != FORMAT_VERSION ? " (or of an unknown format version " + version + ")" : ""));
    }
    if (version != FORMAT_VERSION) {
      throw new CheckpointException(
          source + ": format version " + version + " is not supported (this pgrl reads version " + FORMAT_VERSION + ")");
    }
    CheckpointFile cp = new CheckpointFile();
    cp.source = source;
    bb.position(MAGIC.length + 4);
    bb.limit(bytes.length - 8);
    try {
      int count = bb.getInt();
      if (count < 0) {
        throw new CheckpointException(source + ": damaged checkpoint (negative entry count)");
      }
      for (int i = 0; i < count; i++) {
        String name = readString(bb, source);
        byte type = bb.get();
        switch (type) {
          case FLOATS -> {
            float[] f = new float[length(bb, 4, source)];
            bb.asFloatBuffer().get(f);
            bb.position(bb.position() + 4 * f.length);
            cp.entries.put(name, f);
          }
          case DOUBLES -> {
            double[] d = new double[length(bb, 8, source)];
            bb.asDoubleBuffer().get(d);
            bb.position(bb.position() + 8 * d.length);
            cp.entries.put(name, d);
          }
          case LONG -> cp.entries.put(name, bb.getLong());
          case DOUBLE -> cp.entries.put(name, bb.getDouble());
          case STRING -> cp.entries.put(name, readString(bb, source));
          default -> throw new CheckpointException(source + ": damaged checkpoint (unknown entry type " + type + ")");
        }
      }
    } catch (java.nio.BufferUnderflowException e) {
      throw new CheckpointException(source + ": damaged checkpoint (an entry runs past the end of the file)", e);
    }
    return cp;
  }

  private static int length(ByteBuffer bb, int elementSize, String source) {
    int n = bb.getInt();
    if (n < 0 || (long) n * elementSize > bb.remaining()) {
      throw new CheckpointException(source + ": damaged checkpoint (an entry claims " + n + " values)");
    }
    return n;
  }

  private static String readString(ByteBuffer bb, String source) {
    int n = length(bb, 1, source);
    byte[] b = new byte[n];
    bb.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
