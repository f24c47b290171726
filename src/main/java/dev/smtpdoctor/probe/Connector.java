package dev.smtpdoctor.probe;

import dev.smtpdoctor.model.Deadline;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.function.Supplier;

/**
 * The CONNECT step: the addresses in turn until one accepts; otherwise the first failure, reported as a timeout
 * when any address timed out (a filter dropping packets is the likelier story than the first refusal).
 */
final class Connector {

    /** No address accepted the connection. */
    static final class Failed extends Exception {
        final ProbeOutcome outcome;

        Failed(ProbeOutcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    record Connected(Socket socket, InetSocketAddress address) {
    }

    private Connector() {
    }

    /**
     * @param attempt       the deadline of one attempt (asked again for each address)
     * @param probeDeadline no further address is tried once it has passed
     */
    static Connected connect(List<InetSocketAddress> addresses, Supplier<Deadline> attempt, Deadline probeDeadline)
            throws Failed {
        ProbeOutcome firstFailure = null;
        boolean sawTimeout = false;
        for (InetSocketAddress a : addresses) {
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.connect(a, attempt.get().socketTimeoutMillis());
                return new Connected(s, a);
            } catch (IOException e) {
                ProbeOutcome failure = Outcomes.connectFailure(a.getAddress().getHostAddress(), e);
                sawTimeout |= failure instanceof ProbeOutcome.ConnectTimedOut;
                firstFailure = firstFailure != null ? firstFailure : failure;
                Wire.closeQuietly(s);
            } catch (RuntimeException e) {
                Wire.closeQuietly(s);
                throw e;
            }
            if (probeDeadline.expired()) {
                break;
            }
        }
        if (sawTimeout && !(firstFailure instanceof ProbeOutcome.ConnectTimedOut)) {
            firstFailure = new ProbeOutcome.ConnectTimedOut(addresses.get(0).getAddress().getHostAddress());
        }
        throw new Failed(firstFailure);
    }
}
