package dev.smtpdoctor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A DNS server on 127.0.0.1 (UDP, a port of its own) answering from a function, for tests and benchmarks that
 * run smtp-doctor as a separate process with {@code --dns-server 127.0.0.1:PORT}: the only way such a process
 * resolves names without the machine's resolver. The function gets the question's name and type and returns the
 * answer records (an empty list: NODATA) or empty (NXDOMAIN). Answers are authoritative and never truncated
 * (tests keep them small). One daemon thread; {@link #close()} stops it.
 */
public final class LoopbackDnsServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final BiFunction<Name, Integer, Optional<List<Record>>> zone;
    private final Thread thread;
    private final AtomicLong questions = new AtomicLong();

    private LoopbackDnsServer(BiFunction<Name, Integer, Optional<List<Record>>> zone) {
        this.zone = zone;
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        thread = Thread.ofPlatform().daemon().name("loopback-dns-" + socket.getLocalPort()).start(this::serve);
    }

    public static LoopbackDnsServer start(BiFunction<Name, Integer, Optional<List<Record>>> zone) {
        return new LoopbackDnsServer(zone);
    }

    /** {@code 127.0.0.1:PORT}, the value for {@code --dns-server}. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    public long questions() {
        return questions.get();
    }

    private void serve() {
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                return;
            }
            try {
                byte[] reply = answer(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                if (reply != null) {
                    socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                }
            } catch (IOException | RuntimeException e) {
                // A malformed question gets no answer; the client times out, as with a real server.
            }
        }
    }

    private byte[] answer(byte[] query) throws IOException {
        Message q = new Message(query);
        Record question = q.getQuestion();
        if (question == null) {
            return null;
        }
        questions.incrementAndGet();
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.AA);
        if (q.getHeader().getFlag(Flags.RD)) {
            r.getHeader().setFlag(Flags.RD);
            r.getHeader().setFlag(Flags.RA);
        }
        r.addRecord(question, Section.QUESTION);
        Optional<List<Record>> records = zone.apply(question.getName(), question.getType());
        if (records.isEmpty()) {
            r.getHeader().setRcode(Rcode.NXDOMAIN);
        } else {
            records.get().forEach(rec -> r.addRecord(rec, Section.ANSWER));
        }
        return r.toWire(512);
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2000);
    }
}
