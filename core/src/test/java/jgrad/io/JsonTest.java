package jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesCompactAndIndentedFormsThatParseBackToTheSameValues() throws Json.SyntaxException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "a \"quoted\"\nline");
        m.put("shape", List.of(2L, 3L));
        m.put("dims", new int[] {4, 5});
        m.put("lr", 1e-8);
        m.put("nan", Double.NaN);
        m.put("ok", true);
        m.put("none", null);
        m.put("layers", List.of(Map.of("type", "relu"), Map.of()));
        m.put("empty", List.of());
        String compact = Json.write(m);
        assertThat(compact).isEqualTo("{\"name\":\"a \\\"quoted\\\"\\nline\",\"shape\":[2,3],\"dims\":[4,5],\"lr\":1.0E-8,"
                + "\"nan\":null,\"ok\":true,\"none\":null,\"layers\":[{\"type\":\"relu\"},{}],\"empty\":[]}");
        String pretty = Json.pretty(m);
        assertThat(pretty).startsWith("{\n  \"name\": ").contains("\"shape\": [2, 3],\n").contains("\"layers\": [\n    {\"type\": \"relu\"},\n    {}\n  ],")
                .endsWith("\"empty\": []\n}");
        Object a = Json.parse(compact);
        assertThat(Json.parse(pretty)).isEqualTo(a);
        assertThat(Json.write(a)).isEqualTo(compact);
        assertThat(((Map<?, ?>) a).get("lr")).isEqualTo(1e-8);
        assertThat(((Map<?, ?>) a).get("shape")).isEqualTo(List.of(2L, 3L));
    }

    @Test
    void doublesAndFloatsReadBackToTheSameBits() throws Json.SyntaxException {
        for (double d : new double[] {0.1, 1.0 / 3, 1e-300, -2.5e17, 0.1307}) {
            assertThat(Json.parse(Json.write(List.of(d)))).isEqualTo(List.of(d));
        }
        float f = 0.3081f;
        assertThat(Json.write(List.of(f))).isEqualTo("[0.3081]");
        assertThat(((Number) ((List<?>) Json.parse("[0.3081]")).get(0)).floatValue()).isEqualTo(f);
    }

    @Test
    void errorsGiveThePosition() {
        assertThatThrownBy(() -> Json.parse("{\"a\": 1, \"a\": 2}")).isInstanceOf(Json.SyntaxException.class)
                .hasMessageContaining("duplicate key \"a\"");
        assertThatThrownBy(() -> Json.parse("[1, 2")).hasMessage("unexpected end of JSON at character 5");
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
    }
}
