package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CtrlCTest {
    @Test
    void theFirstCtrlCRunsTheCallbackInsteadOfEndingTheJvm() throws Exception {
        var called = new CountDownLatch(1);
        try (CtrlC ctrlC = CtrlC.install(called::countDown)) {
            assertThat(ctrlC.pressed()).isFalse();
            CtrlC.raise();
            assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ctrlC.pressed()).isTrue();
        }
    }
}
