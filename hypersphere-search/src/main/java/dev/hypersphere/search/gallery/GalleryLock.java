package dev.hypersphere.search.gallery;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer at a time per gallery, across processes: an OS lock on {@code gallery.lock}, waited for a while
 * (another enroll usually finishes in seconds), then one clear error. Readers never take it.
 */
final class GalleryLock implements AutoCloseable {

    static final String FILE = "gallery.lock";
    private static final long WAIT_MILLIS = 30_000;

    private final FileChannel channel;
    private final FileLock lock;

    private GalleryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static GalleryLock acquire(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        try {
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;   // held by another thread of this process
                }
                if (lock != null) {
                    return new GalleryLock(channel, lock);
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IOException(dir + " is being changed by another process (" + file + " is locked); try again when it is done");
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for " + file, e);
                }
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
