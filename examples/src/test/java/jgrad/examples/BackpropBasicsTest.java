package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackpropBasicsTest {

    @Test
    void gradientsOfTheFirstExpressionAreTheHandDerivedOnes() {
        BackpropBasics.Expression x = BackpropBasics.build();
        x.loss().backward();
        assertThat(x.loss().data()).isEqualTo(-8.0);
        assertThat(x.a().grad()).isEqualTo(6.0);   // dL/da = f * b
        assertThat(x.b().grad()).isEqualTo(-4.0);  // dL/db = f * a
        assertThat(x.c().grad()).isEqualTo(-2.0);  // dL/dc = f
        assertThat(x.e().grad()).isEqualTo(-2.0);
        assertThat(x.d().grad()).isEqualTo(-2.0);
        assertThat(x.f().grad()).isEqualTo(4.0);   // dL/df = d
    }
}
