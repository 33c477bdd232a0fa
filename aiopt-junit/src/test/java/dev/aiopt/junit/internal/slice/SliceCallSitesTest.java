package dev.aiopt.junit.internal.slice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A call site of the named function, wherever it stands, is neither a definition nor a slice. */
class SliceCallSitesTest {
    private static Slice locate(String source, String function) {
        return SliceLocator.locate("db.cc", source, new SliceSpec("", function));
    }

    private static final String DEFINITION = """
            Status DB::Open(const Options& o, DB** db) {
              *db = new DB(o);
              return Status::OK();
            }
            """;

    @Test
    void aCallInAConditionIsNotASecondDefinition() {
        String source = DEFINITION + """

                void Reopen(const Options& o, DB** db) {
                  if (!DB::Open(o, db).ok()) {
                    abort();
                  }
                  while (DB::Open(o, db) != Status::OK()) {
                    sleep(1);
                  }
                }
                """;

        assertThat(locate(source, "DB::Open")).extracting(Slice::firstLine, Slice::lastLine).containsExactly(1, 4);
    }

    @Test
    void aCallInARangeForWithoutADefinitionIsNoSlice() {
        String source = """
                void Drain(DB* db) {
                  for (auto& w : DB::Writers(db)) {
                    w.Wake();
                  }
                }
                """;

        assertThatThrownBy(() -> locate(source, "DB::Writers")).isInstanceOf(SliceException.class)
                .hasMessageContaining("no definition of DB::Writers in db.cc (found 1 call(s) only)");
    }

    @Test
    void callsInReturnStatementsTernariesAndArgumentsAreCounted() {
        String source = """
                Status A(DB* db) { return DB::Flush(db); }
                Status B(DB* db, bool x) { return x ? DB::Flush(db) : Status::OK(); }
                Status C(DB* db) { return Check(DB::Flush(db), 1); }
                """;

        assertThatThrownBy(() -> locate(source, "DB::Flush")).isInstanceOf(SliceException.class)
                .hasMessageContaining("(found 3 call(s) only)");
    }

    @Test
    void callsInsideMacrosAreNotDefinitions() {
        String source = """
                #define REOPEN(o, db) if (!DB::Open(o, db).ok()) { abort(); }
                """ + DEFINITION + """
                void Use(const Options& o, DB** db) {
                  RETURN_IF_ERROR(DB::Open(o, db));
                  ASSERT_OK(DB::Open(o, db)) {
                  }
                }
                """;

        assertThat(locate(source, "DB::Open")).extracting(Slice::firstLine, Slice::lastLine).containsExactly(2, 5);
    }

    @Test
    void aTemplateMethodDefinitionIsFoundAndTemplateCallsAreNot() {
        String source = """
                template <typename T>
                void Queue<T>::Push(T value) {
                  items_.push_back(value);
                }

                void Fill(Queue<int>& q) {
                  if (q.Queue<int>::Push(1), true) {
                  }
                  for (int v : Queue<int>::Push(2)) {
                  }
                }
                """;

        Slice slice = locate(source, "Queue::Push");

        assertThat(slice).extracting(Slice::firstLine, Slice::lastLine).containsExactly(1, 4);
    }

    @Test
    void anExplicitTemplateCallInAConditionIsACall() {
        String source = """
                template <class Batch>
                Status DB::Write(const Batch& b) {
                  return Apply(b);
                }

                void Go(const WriteBatch& b) {
                  if (DB::Write<WriteBatch>(b).ok()) {
                    Log("ok");
                  }
                }
                """;

        assertThat(locate(source, "DB::Write")).extracting(Slice::firstLine, Slice::lastLine).containsExactly(1, 4);
    }

    @Test
    void constructorsWithInitializersAndQualifiedDefinitionsStillCount() {
        String source = """
                Writer::Writer(const Options& o)
                    : options_(o), batch_{}, done_(false) {
                  Init();
                }

                auto Writer::Size() const -> size_t {
                  return batch_.size();
                }

                const std::vector<int>& Writer::Keys() const noexcept {
                  return keys_;
                }
                """;

        assertThat(locate(source, "Writer::Writer")).extracting(Slice::firstLine, Slice::lastLine).containsExactly(1, 4);
        assertThat(locate(source, "Writer::Size")).extracting(Slice::firstLine, Slice::lastLine).containsExactly(6, 8);
        assertThat(locate(source, "Writer::Keys")).extracting(Slice::firstLine, Slice::lastLine)
                .containsExactly(10, 12);
    }
}
