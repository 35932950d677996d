package io.cspguard.sim.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A node factory whose object nodes keep their properties in a compact insertion-ordered map (two parallel arrays)
 * instead of a {@link java.util.LinkedHashMap}: a world holds millions of small Graph objects, and the simulator keeps
 * the whole world in memory. The nodes are ordinary {@link ObjectNode}s: every read and write works; a lookup is a scan
 * of a few dozen keys at most. Copies ({@code deepCopy}) and nested nodes ({@code putObject}) come from this factory
 * too.
 */
final class CompactNodeFactory extends JsonNodeFactory {
    private static final long serialVersionUID = 1L;

    static final CompactNodeFactory INSTANCE = new CompactNodeFactory();

    private CompactNodeFactory() {
        super(false);
    }

    @Override
    public ObjectNode objectNode() {
        return new ObjectNode(this, new CompactMap());
    }

    /** Most Graph arrays hold a few entries: start small. */
    @Override
    public ArrayNode arrayNode() {
        return new ArrayNode(this, new ArrayList<>(2));
    }

    /** An insertion-ordered map backed by parallel key and value arrays. Not thread-safe (like LinkedHashMap). */
    static final class CompactMap extends AbstractMap<String, JsonNode> {
        private static final Object[] EMPTY = new Object[0];
        private String[] keys = new String[0];
        private Object[] values = EMPTY;
        private int size;
        private int modifications;

        private int indexOf(Object key) {
            for (int i = 0; i < size; i++) {
                String k = keys[i];
                if (k == key || k.equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public boolean containsKey(Object key) {
            return indexOf(key) >= 0;
        }

        @Override
        public JsonNode get(Object key) {
            int i = indexOf(key);
            return i < 0 ? null : (JsonNode) values[i];
        }

        @Override
        public JsonNode put(String key, JsonNode value) {
            int i = indexOf(key);
            if (i >= 0) {
                JsonNode old = (JsonNode) values[i];
                values[i] = value;
                return old;
            }
            if (size == keys.length) {
                int capacity = size < 4 ? 4 : size + (size >> 1);
                keys = Arrays.copyOf(keys, capacity);
                values = Arrays.copyOf(values, capacity);
            }
            keys[size] = key;
            values[size] = value;
            size++;
            modifications++;
            return null;
        }

        @Override
        public JsonNode remove(Object key) {
            int i = indexOf(key);
            if (i < 0) {
                return null;
            }
            JsonNode old = (JsonNode) values[i];
            removeAt(i);
            return old;
        }

        private void removeAt(int i) {
            System.arraycopy(keys, i + 1, keys, i, size - i - 1);
            System.arraycopy(values, i + 1, values, i, size - i - 1);
            size--;
            keys[size] = null;
            values[size] = null;
            modifications++;
        }

        @Override
        public void clear() {
            Arrays.fill(keys, 0, size, null);
            Arrays.fill(values, 0, size, null);
            size = 0;
            modifications++;
        }

        @Override
        public Set<Map.Entry<String, JsonNode>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return size;
                }

                @Override
                public Iterator<Map.Entry<String, JsonNode>> iterator() {
                    return new Iterator<>() {
                        private int next;
                        private int last = -1;
                        private int expected = modifications;

                        @Override
                        public boolean hasNext() {
                            return next < size;
                        }

                        @Override
                        public Map.Entry<String, JsonNode> next() {
                            if (expected != modifications) {
                                throw new ConcurrentModificationException();
                            }
                            if (next >= size) {
                                throw new NoSuchElementException();
                            }
                            last = next++;
                            return new Entry(last);
                        }

                        @Override
                        public void remove() {
                            if (last < 0) {
                                throw new IllegalStateException();
                            }
                            if (expected != modifications) {
                                throw new ConcurrentModificationException();
                            }
                            removeAt(last);
                            next = last;
                            last = -1;
                            expected = modifications;
                        }
                    };
                }
            };
        }

        /** A live view of one slot: setValue writes through. */
        private final class Entry implements Map.Entry<String, JsonNode> {
            private final int index;
            private final String key;

            Entry(int index) {
                this.index = index;
                this.key = keys[index];
            }

            @Override
            public String getKey() {
                return key;
            }

            @Override
            public JsonNode getValue() {
                return index < size && keys[index] == key ? (JsonNode) values[index] : get(key);
            }

            @Override
            public JsonNode setValue(JsonNode value) {
                return put(key, value);
            }

            @Override
            public boolean equals(Object o) {
                return o instanceof Map.Entry<?, ?> e && key.equals(e.getKey())
                        && java.util.Objects.equals(getValue(), e.getValue());
            }

            @Override
            public int hashCode() {
                return key.hashCode() ^ java.util.Objects.hashCode(getValue());
            }

            @Override
            public String toString() {
                return key + "=" + getValue();
            }
        }
    }
}
