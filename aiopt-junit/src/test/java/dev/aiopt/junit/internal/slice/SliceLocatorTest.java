package dev.aiopt.junit.internal.slice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SliceLocatorTest {
    // A WriteImpl-like file that tries every way braces and the name can appear outside code.
    static final String WRITE_IMPL = """
            #include "db/db_impl/db_impl.h"
            #define BRACE_MACRO { \\
              }
            // A comment with a brace {
            namespace rocksdb {

            Status DBImpl::WriteImpl(const WriteOptions& options, WriteBatch* batch);  // declaration

            /* block comment naming DBImpl::WriteImpl( and a } */
            static const char* kBraces = "}{ DBImpl::WriteImpl(";
            static const char* kRaw = R"x(raw } string { "quoted" )x";
            static const char kOpen = '{';
            static const char kClose = '}';

            Status DBImpl::Other() {
              return Status::OK();
            }

            // Writes a batch.
            Status DBImpl::WriteImpl(const WriteOptions& options,
                                     WriteBatch* my_batch,
                                     uint64_t* log_used) {
              if (my_batch == nullptr) {  // a } in a comment
                return Status::Corruption("Batch is nullptr! {");
              }
              const char* raw = R"(}})";
              char c = '}';
              /* } */
              for (int i = 0; i < 3; i++) {
                if (i == 1) {
                  { int nested = 1'000; (void)nested; }
                }
              }
              return Status::OK();
            }

            void DBImpl::After() {}

            }  // namespace rocksdb
            """;

    static int lineOf(String source, String text) {
        List<String> lines = source.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line contains " + text);
    }

    @Nested
    class ByFunction {
        @Test
        void findsTheDefinitionFromItsReturnTypeToItsClosingBrace() {
            Slice slice = SliceLocator.locate("db_impl_write.cc", WRITE_IMPL, new SliceSpec("", "DBImpl::WriteImpl"));

            int first = lineOf(WRITE_IMPL, "WriteBatch* my_batch,") - 1;
            int last = lineOf(WRITE_IMPL, "void DBImpl::After()") - 2;
            assertThat(slice.firstLine()).isEqualTo(first);
            assertThat(slice.lastLine()).isEqualTo(last);
            assertThat(slice.text()).startsWith("Status DBImpl::WriteImpl(const WriteOptions& options,\n")
                    .contains("{ int nested = 1'000; (void)nested; }")
                    .endsWith("  return Status::OK();\n}\n");
            assertThat(slice.how()).isEqualTo("function DBImpl::WriteImpl");
            assertThat(slice.file()).isEqualTo("db_impl_write.cc");
        }

        @Test
        void takesAReturnTypeOnTheLineBeforeTheName() {
            String source = """
                    int x = 0;
                    Status
                    DBImpl::WriteImpl(int a)
                    {
                      return Status::OK();
                    }
                    """;

            Slice slice = SliceLocator.locate("f.cc", source, new SliceSpec("", "DBImpl::WriteImpl"));

            assertThat(slice.firstLine()).isEqualTo(2);
            assertThat(slice.lastLine()).isEqualTo(6);
        }

        @Test
        void skipsMemberInitializersAndNoexcept() {
            String source = """
                    Writer::Writer(int a) noexcept(true) : a_(a), b_{2} {
                      run();
                    }
                    """;

            Slice slice = SliceLocator.locate("f.cc", source, new SliceSpec("", "Writer::Writer"));

            assertThat(slice.firstLine()).isEqualTo(1);
            assertThat(slice.lastLine()).isEqualTo(3);
        }

        @Test
        void rawStringsWithEncodingPrefixesHideTheirBraces() {
            String source = """
                    void Log::Write() {
                      const wchar_t* w = LR"x( " { )x";
                      const char* u = u8R"(" { ")";
                      const char16_t* v = uR"(" {)";
                    }
                    int after = 0;
                    """;

            Slice slice = SliceLocator.locate("log.cc", source, new SliceSpec("", "Log::Write"));

            assertThat(slice.lastLine()).isEqualTo(5);
        }

        @Test
        void anOverloadedNameIsAnErrorListingEveryDefinition() {
            String source = """
                    void DB::Put(int a) {
                      a++;
                    }

                    void DB::Put(long a) {
                      a--;
                    }
                    """;

            assertThatThrownBy(() -> SliceLocator.locate("db.cc", source, new SliceSpec("", "DB::Put")))
                    .isInstanceOf(SliceException.class)
                    .hasMessageContaining("DB::Put is defined 2 times in db.cc")
                    .hasMessageContaining("lines 1-3 5-7")
                    .hasMessageContaining("lines = \"a-b\" together with function");
        }

        @Test
        void anOverloadIsPickedByLinesTogetherWithFunction() {
            String source = """
                    void DB::Put(int a) {
                      a++;
                    }

                    void DB::Put(long a) {
                      a--;
                    }
                    """;

            Slice slice = SliceLocator.locate("db.cc", source, new SliceSpec("5-7", "DB::Put"));

            assertThat(slice.text()).isEqualTo("void DB::Put(long a) {\n  a--;\n}\n");
            assertThatThrownBy(() -> SliceLocator.locate("db.cc", source, new SliceSpec("4-7", "DB::Put")))
                    .isInstanceOf(SliceException.class)
                    .hasMessageContaining("DB::Put is defined 2 times in db.cc (lines 1-3 5-7)");
        }

        @Test
        void aDeclarationOnlyIsAnErrorThatSaysSo() {
            String source = "Status DBImpl::WriteImpl(const WriteOptions& options);\n";

            assertThatThrownBy(() -> SliceLocator.locate("db.h", source, new SliceSpec("", "DBImpl::WriteImpl")))
                    .isInstanceOf(SliceException.class)
                    .hasMessageContaining("no definition of DBImpl::WriteImpl in db.h")
                    .hasMessageContaining("found 1 declaration(s) only");
        }

        @Test
        void aNameOnlyInCommentsAndStringsIsNotFound() {
            String source = """
                    // DBImpl::WriteImpl(x) { }
                    const char* s = "DBImpl::WriteImpl() { }";
                    """;

            assertThatThrownBy(() -> SliceLocator.locate("f.cc", source, new SliceSpec("", "DBImpl::WriteImpl")))
                    .isInstanceOf(SliceException.class)
                    .hasMessageContaining("no definition of DBImpl::WriteImpl in f.cc")
                    .hasMessageNotContaining("declaration");
        }

        @Test
        void aLongerNameDoesNotMatch() {
            String source = """
                    void MyDBImpl::WriteImpl() {
                    }
                    void DBImpl::WriteImplInner() {
                    }
                    """;

            assertThatThrownBy(() -> SliceLocator.locate("f.cc", source, new SliceSpec("", "DBImpl::WriteImpl")))
                    .isInstanceOf(SliceException.class)
                    .hasMessageContaining("no definition");
        }

        @Test
        void linesThatDisagreeWithTheFunctionNameTheLinesFound() {
            int first = lineOf(WRITE_IMPL, "WriteBatch* my_batch,") - 1;
            int last = lineOf(WRITE_IMPL, "void DBImpl::After()") - 2;
            String drifted = (first - 3) + "-" + (last - 3);

            assertThatThrownBy(() -> SliceLocator.locate("db_impl_write.cc", WRITE_IMPL,
                    new SliceSpec(drifted, "DBImpl::WriteImpl")))
                    .isInstanceOf(SliceException.class)
                    .hasMessageContaining("lines = \"" + drifted + "\" do not cover function DBImpl::WriteImpl")
                    .hasMessageContaining("it spans lines " + first + "-" + last)
                    .hasMessageContaining("use lines = \"" + first + "-" + last + "\"");
        }

        @Test
        void linesThatAgreeWithTheFunctionAreAccepted() {
            int first = lineOf(WRITE_IMPL, "WriteBatch* my_batch,") - 1;
            int last = lineOf(WRITE_IMPL, "void DBImpl::After()") - 2;

            Slice slice = SliceLocator.locate("db_impl_write.cc", WRITE_IMPL,
                    new SliceSpec(first + "-" + last, "DBImpl::WriteImpl"));

            assertThat(slice.firstLine()).isEqualTo(first);
            assertThat(slice.lastLine()).isEqualTo(last);
        }
    }

    @Nested
    class ByLines {
        @Test
        void takesTheInclusiveRange() {
            int first = lineOf(WRITE_IMPL, "Status DBImpl::Other()");

            Slice slice = SliceLocator.locate("f.cc", WRITE_IMPL, new SliceSpec(first + " - " + (first + 2), ""));

            assertThat(slice.text()).isEqualTo("Status DBImpl::Other() {\n  return Status::OK();\n}\n");
            assertThat(slice.length()).isEqualTo(3);
            assertThat(slice.how()).isEqualTo("lines " + first + "-" + (first + 2));
        }

        @Test
        void bracesInCommentsStringsAndCharactersDoNotCount() {
            int first = lineOf(WRITE_IMPL, "/* block comment naming");
            int last = lineOf(WRITE_IMPL, "static const char kClose");

            Slice slice = SliceLocator.locate("f.cc", WRITE_IMPL, new SliceSpec(first + "-" + last, ""));

            assertThat(slice.length()).isEqualTo(last - first + 1);
        }

        @Test
        void aRangePastTheEndSaysHowLongTheFileIs() {
            long lines = WRITE_IMPL.lines().count();

            assertThatThrownBy(() -> SliceLocator.locate("db_impl_write.cc", WRITE_IMPL, new SliceSpec("10-900", "")))
                    .isInstanceOf(SliceException.class)
                    .hasMessageContaining("lines = \"10-900\" end past the end of db_impl_write.cc, which has "
                            + lines + " lines")
                    .hasMessageContaining("function = \"Class::Method\"");
        }

        @Test
        void aRangeEndingInsideAFunctionIsUnbalanced() {
            int first = lineOf(WRITE_IMPL, "WriteBatch* my_batch,") - 1;
            int inside = lineOf(WRITE_IMPL, "char c = '}';");

            assertThatThrownBy(() -> SliceLocator.locate("f.cc", WRITE_IMPL, new SliceSpec(first + "-" + inside, "")))
                    .isInstanceOf(SliceException.class)
                    .hasMessageContaining("cut into a block of f.cc")
                    .hasMessageContaining("1 brace(s) opened in the range are not closed by line " + inside);
        }

        @Test
        void aRangeStartingInsideAFunctionNamesTheClosingLine() {
            int inside = lineOf(WRITE_IMPL, "char c = '}';");
            int close = lineOf(WRITE_IMPL, "void DBImpl::After()") - 2;

            assertThatThrownBy(() -> SliceLocator.locate("f.cc", WRITE_IMPL, new SliceSpec(inside + "-" + (close + 1), "")))
                    .isInstanceOf(SliceException.class)
                    .hasMessageContaining("line " + close + " closes a brace opened before line " + inside);
        }

        @Test
        void aRangeThatIsNotARangeSaysHowToWriteOne() {
            assertThatThrownBy(() -> SliceLocator.locate("f.cc", WRITE_IMPL, new SliceSpec("12:40", "")))
                    .isInstanceOf(SliceException.class)
                    .hasMessageContaining("lines = \"12:40\" is not a range")
                    .hasMessageContaining("\"first-last\"");
            assertThatThrownBy(() -> SliceLocator.locate("f.cc", WRITE_IMPL, new SliceSpec("9-3", "")))
                    .isInstanceOf(SliceException.class)
                    .hasMessageContaining("the first line must be >= 1 and <= the last line");
        }
    }

    @Nested
    class ByMarkers {
        static final String MARKED = """
                #include <mutex>
                struct DB {
                  void Write(int v);
                };
                // EVOLVE-BLOCK-START
                void DB::Write(int v) {
                  std::lock_guard<std::mutex> guard(mu_);
                  log_.push_back(v);
                }
                // EVOLVE-BLOCK-END
                int main() { return 0; }
                """;

        @Test
        void takesTheLinesBetweenTheMarkers() {
            Slice slice = SliceLocator.locate("writepath.cc", MARKED, SliceSpec.markers());

            assertThat(slice.firstLine()).isEqualTo(6);
            assertThat(slice.lastLine()).isEqualTo(9);
            assertThat(slice.text()).doesNotContain("EVOLVE-BLOCK").startsWith("void DB::Write(int v) {\n");
            assertThat(slice.how()).isEqualTo("markers at lines 5 and 10");
        }

        @Test
        void missingMarkersAreAnErrorThatSaysWhatToAdd() {
            String source = "int main() { return 0; }\n";

            assertThatThrownBy(() -> SliceLocator.locate("main.cc", source, SliceSpec.markers()))
                    .isInstanceOf(SliceException.class)
                    .hasMessageContaining("main.cc must hold exactly one '// EVOLVE-BLOCK-START' and one '// EVOLVE-BLOCK-END'")
                    .hasMessageContaining("found 0 start and 0 end markers")
                    .hasMessageContaining("function = \"Class::Method\"");
        }

        @Test
        void twoStartMarkersAreAnErrorNamingTheirLines() {
            String source = MARKED.replace("int main()", "// EVOLVE-BLOCK-START\nint main()");

            assertThatThrownBy(() -> SliceLocator.locate("writepath.cc", source, SliceSpec.markers()))
                    .isInstanceOf(SliceException.class)
                    .hasMessageContaining("found 2 start and 1 end markers (start at [5, 11], end at [10])");
        }

        @Test
        void anEndMarkerBeforeTheStartIsAnError() {
            String source = "// EVOLVE-BLOCK-END\nint x;\n// EVOLVE-BLOCK-START\n";

            assertThatThrownBy(() -> SliceLocator.locate("f.cc", source, SliceSpec.markers()))
                    .isInstanceOf(SliceException.class)
                    .hasMessageContaining("the EVOLVE-BLOCK-END marker (line 1) must come after the EVOLVE-BLOCK-START marker (line 3)");
        }
    }

    @Nested
    class Reassembly {
        @Test
        void reassemblingTheUnchangedSliceGivesBackTheFile() {
            int first = lineOf(WRITE_IMPL, "Status DBImpl::Other()");
            for (SliceSpec spec : List.of(new SliceSpec("", "DBImpl::WriteImpl"), new SliceSpec("", "DBImpl::Other"),
                    new SliceSpec(first + "-" + (first + 2), ""))) {
                Slice slice = SliceLocator.locate("f.cc", WRITE_IMPL, spec);

                assertThat(slice.reassemble(slice.text())).as(spec.toString()).isEqualTo(WRITE_IMPL);
            }
            Slice marked = SliceLocator.locate("f.cc", ByMarkers.MARKED, SliceSpec.markers());
            assertThat(marked.reassemble(marked.text())).isEqualTo(ByMarkers.MARKED);
        }

        @Test
        void reassemblyPutsTheEvolvedSliceBetweenTheUntouchedTemplate() {
            Slice slice = SliceLocator.locate("f.cc", ByMarkers.MARKED, SliceSpec.markers());

            String evolved = slice.reassemble("void DB::Write(int v) {\r\n  log_.push_back(v);\r\n}");

            assertThat(evolved).isEqualTo(ByMarkers.MARKED.replace(
                    "  std::lock_guard<std::mutex> guard(mu_);\n  log_.push_back(v);\n", "  log_.push_back(v);\n"));
        }

        @Test
        void aCrlfFileIsSlicedOnItsLines() {
            String crlf = ByMarkers.MARKED.replace("\n", "\r\n");

            Slice slice = SliceLocator.locate("f.cc", crlf, SliceSpec.markers());

            assertThat(slice.text()).doesNotContain("\r").startsWith("void DB::Write(int v) {\n");
            assertThat(slice.reassemble(slice.text())).isEqualTo(ByMarkers.MARKED);
        }

        @Test
        void templateLinesMapSliceLinesBack() {
            Slice slice = SliceLocator.locate("f.cc", ByMarkers.MARKED, SliceSpec.markers());

            assertThat(slice.templateLine(1)).isEqualTo(6);
            assertThat(slice.templateLine(4)).isEqualTo(9);
        }
    }
}
