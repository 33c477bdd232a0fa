package dev.aiopt.junit.internal.database;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A program the database keeps only for lineage and deduplication (evicted or failed), with its code deflated:
 * a 25 KB slice takes about 7 KB. Unpacking gives an equal {@link Program}.
 */
record PackedProgram(String id, String parentId, int generation, int island, String codeSha256,
        Map<String, Double> metrics, double fitness, String copyOf, byte[] deflatedCode, int codeBytes) {

    static PackedProgram pack(Program program) {
        byte[] code = program.code().getBytes(StandardCharsets.UTF_8);
        // fastest level: ~0.1 ms and 3.4x for a 25 KB C++ slice, against ~0.3-0.6 ms and 4.1x at the default level
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(code);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(code.length / 3 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return new PackedProgram(program.id(), program.parentId(), program.generation(), program.island(),
                    program.codeSha256(), program.metrics(), program.fitness(), program.copyOf(), out.toByteArray(),
                    code.length);
        } finally {
            deflater.end();
        }
    }

    Program unpack() {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(deflatedCode);
            byte[] code = new byte[codeBytes];
            int length = 0;
            while (length < codeBytes && !inflater.finished()) {
                length += inflater.inflate(code, length, codeBytes - length);
            }
            return new Program(id, parentId, generation, island, new String(code, 0, length, StandardCharsets.UTF_8),
                    codeSha256, metrics, fitness, copyOf);
        } catch (DataFormatException e) {
            throw new IllegalStateException("packed code of program " + id + " is corrupt", e);
        } finally {
            inflater.end();
        }
    }
}
