package dev.aiopt.junit.internal.slice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Slicing real RocksDB sources (test resources slice/rocksdb, see the README there). */
class RocksDbSliceTest {
    private static String rocksdb(String file) throws IOException {
        try (InputStream in = RocksDbSliceTest.class.getResourceAsStream("/slice/rocksdb/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Slice locate(String file, String function) throws IOException {
        return SliceLocator.locate(file, rocksdb(file), new SliceSpec("", function));
    }

    @Test
    void writeImplIsItsWholeDefinition() throws IOException {
        Slice slice = locate("db_impl_write.cc", "DBImpl::WriteImpl");

        assertThat(slice).extracting(Slice::firstLine, Slice::lastLine).containsExactly(867, 1573);
        assertThat(slice.text()).startsWith("Status DBImpl::WriteImpl(").endsWith("\n}\n");
    }

    @Test
    void callsInConditionsOfTheWritePathAreNotDefinitions() {
        // db_impl_write.cc calls it inside assert(...) at line 997 and in two if conditions (lines 2231 and 2248),
        // and defines it nowhere.
        assertThatThrownBy(() -> locate("db_impl_write.cc", "WriteBatchInternal::IsLatestPersistentState"))
                .isInstanceOf(SliceException.class)
                .hasMessageContaining("no definition of WriteBatchInternal::IsLatestPersistentState in db_impl_write.cc"
                        + " (found 3 call(s) only)");
    }

    @Test
    void returnStatementsCallingAnOverloadDoNotCountAsItsDefinitions() throws IOException {
        // DBImpl::Put returns DB::Put(...) at lines 93 and 102; DB::Put itself is defined twice near the end.
        assertThatThrownBy(() -> locate("db_impl_write.cc", "DB::Put")).isInstanceOf(SliceException.class)
                .hasMessageContaining("DB::Put is defined 2 times in db_impl_write.cc (lines 3452-3464 3466-3480)");

        Slice second = SliceLocator.locate("db_impl_write.cc", rocksdb("db_impl_write.cc"),
                new SliceSpec("3466-3480", "DB::Put"));
        assertThat(second.text()).startsWith("Status DB::Put(const WriteOptions& opt, ColumnFamilyHandle* column_family,");
    }

    @Test
    void openIsFoundBesideTheAssignmentsThatCallIt() throws IOException {
        // "s = DBImpl::Open(...)" at line 2354 calls it; its definition starts at line 2636.
        assertThat(locate("db_impl_open.cc", "DBImpl::Open")).extracting(Slice::firstLine, Slice::lastLine)
                .containsExactly(2636, 2999);
        assertThat(locate("db_impl_open.cc", "DBImpl::CreateAndNewDirectory"))
                .extracting(Slice::firstLine, Slice::lastLine).containsExactly(392, 407);
        assertThatThrownBy(() -> locate("db_impl_open.cc", "DB::Open")).isInstanceOf(SliceException.class)
                .hasMessageContaining("DB::Open is defined 2 times in db_impl_open.cc (lines 2316-2341 2343-2359)");
    }
}
