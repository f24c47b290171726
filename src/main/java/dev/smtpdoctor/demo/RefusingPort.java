package dev.smtpdoctor.demo;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A port on 127.0.0.1 where nothing listens, held for the demo's lifetime: the destination of every logical
 * port the demo does not serve, so that a probe sees exactly what it sees at a real server's closed port —
 * an immediate {@code Connection refused} (TCP RST).
 *
 * <p>A TCP socket that is bound but neither listening nor connected reserves the port (no other program
 * can be given it while the demo runs, unlike a port merely bound and closed again) and answers nothing:
 * the kernel resets connection attempts to a port without a listener.
 */
final class RefusingPort implements Closeable {

    private final Socket socket;

    private RefusingPort(Socket socket) {
        this.socket = socket;
    }

    static RefusingPort open(InetAddress bind) {
        Socket s = new Socket();
        try {
            s.bind(new InetSocketAddress(bind, 0));
            return new RefusingPort(s);
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("cannot reserve a port on " + bind.getHostAddress(), e);
        }
    }

    InetSocketAddress address() {
        return new InetSocketAddress(socket.getLocalAddress(), socket.getLocalPort());
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing was ever sent on it.
        }
    }
}
