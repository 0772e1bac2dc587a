package io.apogee.client.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every codec round-trips every buffer form, shrinks text, and refuses corrupt or oversized input clearly. */
class CompressionTest {
    private static byte[] text(int size) {
        StringBuilder sb = new StringBuilder(size + 64);
        for (int i = 0; sb.length() < size; i++) {
            sb.append("order ").append(i % 97).append(" shipped to warehouse ").append(i % 13).append('\n');
        }
        return sb.substring(0, size).getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void roundTripsHeapDirectAndSlicedBodiesWithoutConsumingThem(Compression codec) throws IOException {
        byte[] original = text(100_000);
        ByteBuffer direct = ByteBuffer.allocateDirect(original.length).put(original).flip();
        byte[] padded = new byte[original.length + 20];
        System.arraycopy(original, 0, padded, 10, original.length);
        ByteBuffer sliced = ByteBuffer.wrap(padded, 10, original.length).slice();
        for (ByteBuffer body : new ByteBuffer[] {ByteBuffer.wrap(original), direct, sliced,
                ByteBuffer.wrap(original).asReadOnlyBuffer()}) {
            byte[] compressed = codec.compress(body, Compression.DEFAULT_LEVEL);
            assertThat(body.remaining()).as("the body is not consumed").isEqualTo(original.length);
            assertThat(compressed.length).as("text shrinks").isLessThan(original.length / 2);
            assertThat(codec.decompress(compressed, original.length)).isEqualTo(original);
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void roundTripsEmptyAndIncompressibleBodies(Compression codec) throws IOException {
        byte[] random = new byte[70_000];
        new Random(7).nextBytes(random);
        for (byte[] original : new byte[][] {new byte[0], random, text(1)}) {
            byte[] compressed = codec.compress(ByteBuffer.wrap(original), 1);
            assertThat(codec.decompress(compressed, 1 << 20)).isEqualTo(original);
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void refusesCorruptTruncatedAndOversizedBodies(Compression codec) {
        byte[] original = text(50_000);
        byte[] compressed = codec.compress(ByteBuffer.wrap(original), Compression.DEFAULT_LEVEL);
        assertThatThrownBy(() -> codec.decompress(compressed, original.length - 1)).isInstanceOf(IOException.class)
                .hasMessageContaining("past " + (original.length - 1));
        assertThatThrownBy(() -> codec.decompress("not compressed at all".getBytes(StandardCharsets.UTF_8), 1 << 20))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> codec.decompress(Arrays.copyOf(compressed, compressed.length / 2), 1 << 20))
                .isInstanceOf(IOException.class);
    }

    @Test
    void sysFlagBitsAreTheOfficialOnes() {
        assertThat(Compression.LZ4.sysFlagBits()).isEqualTo(0x101);
        assertThat(Compression.ZSTD.sysFlagBits()).isEqualTo(0x201);
        assertThat(Compression.ZLIB.sysFlagBits()).isEqualTo(0x301);
        for (Compression c : Compression.values()) {
            assertThat(Compression.ofSysFlag(c.sysFlagBits() | 0x4)).isEqualTo(c);
        }
        assertThat(Compression.ofSysFlag(0x1)).as("compressed without codec bits: zlib").isEqualTo(Compression.ZLIB);
        assertThat(Compression.ofSysFlag(0x300)).as("not compressed").isNull();
        assertThatThrownBy(() -> Compression.ofSysFlag(0x501)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown compression codec 5");
    }

    @Test
    void namesAndLevelsAreChecked() {
        assertThat(Compression.parse(" zstd ")).isEqualTo(Compression.ZSTD);
        assertThatThrownBy(() -> Compression.parse("snappy")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LZ4, ZSTD, ZLIB").hasMessageContaining("snappy");
        assertThatThrownBy(() -> Compression.ZLIB.checkLevel(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 9]");
        assertThat(Compression.ZSTD.checkLevel(19)).isEqualTo(19);
        assertThatThrownBy(() -> Compression.ZSTD.checkLevel(23)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Compression.LZ4.checkLevel(42)).as("LZ4 frames have no level").isEqualTo(42);
    }

    @Test
    void theSystemPropertyChoosesTheCodecAndABadOneIsNamed() {
        String before = System.getProperty(Compression.TYPE_PROPERTY);
        try {
            System.clearProperty(Compression.TYPE_PROPERTY);
            assertThat(Compression.configured()).isEqualTo(Compression.ZLIB);
            System.setProperty(Compression.TYPE_PROPERTY, "LZ4");
            assertThat(Compression.configured()).isEqualTo(Compression.LZ4);
            System.setProperty(Compression.TYPE_PROPERTY, "gzip");
            assertThatThrownBy(Compression::configured).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(Compression.TYPE_PROPERTY + "=gzip");
        } finally {
            if (before == null) {
                System.clearProperty(Compression.TYPE_PROPERTY);
            } else {
                System.setProperty(Compression.TYPE_PROPERTY, before);
            }
        }
    }
}
