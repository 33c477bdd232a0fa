package dev.aiopt.junit.internal.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PackedProgramTest {
    @Test
    void packingKeepsEveryFieldAndTheExactCode() {
        String code = "// naïve — “quoted” ✓\n" + "  x += 1;\r\n".repeat(2000) + "no newline at end";
        Program program = new Program("p", "q", 4, 2, code, Program.sha256(code), Map.of("ops", 1.5), 0.25, "orig");

        PackedProgram packed = PackedProgram.pack(program);

        assertThat(packed.deflatedCode().length).isLessThan(code.length() / 10);
        assertThat(packed.unpack()).isEqualTo(program);
        assertThat(PackedProgram.pack(Program.of("e", null, 0, 0, "", Map.of(), 0)).unpack().code()).isEmpty();
    }
}
