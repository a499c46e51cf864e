import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The machine's fdatasync rate: appends 128 B and calls FileChannel.force(false) in a loop for a few seconds, as the
 * file store's sync mode does for a lone writer. Run: java bench/FsyncProbe.java [dir] [seconds]
 */
public final class FsyncProbe {

    private FsyncProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        Path file = Files.createTempFile(dir, "fsync-probe-", ".dat");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.allocate(128);
            long end = System.nanoTime() + (long) (seconds * 1e9);
            long start = System.nanoTime();
            long n = 0;
            while (System.nanoTime() < end) {
                b.clear();
                ch.write(b);
                ch.force(false);
                n++;
            }
            double took = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s: %d fdatasync in %.2f s = %.0f per second (%.3f ms each)%n", dir, n, took, n / took,
                    took * 1000 / n);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
