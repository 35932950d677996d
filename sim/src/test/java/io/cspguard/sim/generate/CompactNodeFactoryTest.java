package io.cspguard.sim.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compact object nodes behave like Jackson's own: order, replace, remove, equality, copies, serialization. */
class CompactNodeFactoryTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void keepsInsertionOrderAndReplacesInPlace() throws Exception {
        ObjectNode n = Json.obj();
        for (int i = 0; i < 40; i++) {
            n.put("k" + i, i);
        }
        n.put("k3", "three");
        n.putObject("nested").put("a", true);
        assertThat(n.size()).isEqualTo(41);
        assertThat(n.get("k3").asText()).isEqualTo("three");
        assertThat(n.fieldNames()).toIterable().startsWith("k0", "k1", "k2", "k3").endsWith("k39", "nested");
        assertThat(MAPPER.writeValueAsString(n)).startsWith("{\"k0\":0,\"k1\":1,\"k2\":2,\"k3\":\"three\"")
                .endsWith("\"nested\":{\"a\":true}}");
    }

    @Test
    void removesAndEqualsLikeJackson() {
        ObjectNode compact = Json.obj();
        ObjectNode plain = JsonNodeFactory.instance.objectNode();
        for (ObjectNode n : new ObjectNode[] {compact, plain}) {
            n.put("a", 1).put("b", "x").put("c", false);
            n.putArray("d").add(1).add(2);
            n.remove("b");
            n.put("e", (String) null);
        }
        assertThat(compact).isEqualTo(plain);
        assertThat(plain).isEqualTo(compact);
        assertThat(compact.hashCode()).isEqualTo(plain.hashCode());
        assertThat(compact.has("b")).isFalse();
        assertThat(compact.get("e").isNull()).isTrue();
        JsonNode copy = compact.deepCopy();
        assertThat(copy).isEqualTo(compact).isNotSameAs(compact);
        compact.removeAll();
        assertThat(compact.isEmpty()).isTrue();
        assertThat(copy.size()).isEqualTo(4);
    }

    @Test
    void iteratorRemovesAndEntriesWriteThrough() {
        ObjectNode n = Json.obj().put("a", 1).put("b", 2).put("c", 3);
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        it.next();
        Map.Entry<String, JsonNode> b = it.next();
        b.setValue(TextNode.valueOf("two"));
        it.remove();
        assertThat(it.next().getKey()).isEqualTo("c");
        assertThat(n.toString()).isEqualTo("{\"a\":1,\"c\":3}");
        Iterator<Map.Entry<String, JsonNode>> again = n.fields();
        again.next();
        n.put("z", 9);
        assertThatThrownBy(again::next).isInstanceOf(ConcurrentModificationException.class);
    }
}
