package dev.smtpdoctor.demo;

import java.time.Duration;

/**
 * Knobs a scenario may read. Only tests need anything but {@link #DEFAULT}.
 *
 * @param greetingDelay how long {@link DemoScenario#GREETING_DELAY} keeps clients waiting for the final
 *                      {@code 220} line; Postfix postscreen's default {@code postscreen_greet_wait} is 6 s
 */
public record DemoOptions(Duration greetingDelay) {

    public static final DemoOptions DEFAULT = new DemoOptions(Duration.ofSeconds(6));

    public DemoOptions {
        if (greetingDelay == null || greetingDelay.isNegative()) {
            throw new IllegalArgumentException("greetingDelay must be zero or positive");
        }
    }

    public static DemoOptions withGreetingDelay(Duration delay) {
        return new DemoOptions(delay);
    }
}
