package dev.smtpdoctor.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpdoctor.model.Endpoint;
import dev.smtpdoctor.model.Security;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one fan-out and the forwarding base pass on every event of {@link ProbeListener}, now and when one is added. */
class ProbeListenersTest {

    private static final Endpoint E = new Endpoint("mail.example.test", 587, Security.TLS);

    @Test
    void theFanOutForwardsEveryMethodToEachListenerEvenPastAThrowingOne() throws Exception {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        ProbeListener throwing = recording(new ArrayList<>(), true);
        ProbeListener fan = ProbeListeners.fanOut(recording(first, false), throwing, recording(second, false));
        for (Method m : ProbeListener.class.getDeclaredMethods()) {
            if (!Modifier.isStatic(m.getModifiers())) {
                m.invoke(fan, arguments(m));
            }
        }
        List<String> all = Arrays.stream(ProbeListener.class.getDeclaredMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers())).map(Method::getName).toList();
        assertThat(first).containsExactlyInAnyOrderElementsOf(all);
        assertThat(second).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void theForwardingListenerForwardsEveryMethod() throws Exception {
        List<String> seen = new ArrayList<>();
        ProbeListener forwarding = new ForwardingProbeListener(recording(seen, false)) {
        };
        List<String> all = new ArrayList<>();
        for (Method m : ProbeListener.class.getDeclaredMethods()) {
            if (!Modifier.isStatic(m.getModifiers())) {
                assertThat(ForwardingProbeListener.class.getDeclaredMethod(m.getName(), m.getParameterTypes()))
                        .as("ForwardingProbeListener overrides %s", m.getName()).isNotNull();
                m.invoke(forwarding, arguments(m));
                all.add(m.getName());
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
    }

    private static ProbeListener recording(List<String> seen, boolean thenThrow) {
        return (ProbeListener) Proxy.newProxyInstance(ProbeListener.class.getClassLoader(),
                new Class<?>[] {ProbeListener.class}, (proxy, method, args) -> {
                    seen.add(method.getName());
                    if (thenThrow) {
                        throw new IllegalStateException("a listener bug");
                    }
                    return null;
                });
    }

    private static Object[] arguments(Method m) {
        return Arrays.stream(m.getParameterTypes()).map(t -> t == Endpoint.class ? E
                : t == long.class ? 1L : t == Step.class ? Step.EHLO : null).toArray();
    }
}
