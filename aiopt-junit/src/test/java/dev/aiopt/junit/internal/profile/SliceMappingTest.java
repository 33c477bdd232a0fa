package dev.aiopt.junit.internal.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SliceMappingTest {
    private final SliceMapping seedsLayout = new SliceMapping("db/db_impl/db_impl_write.cc", 370, 600);

    @Test
    void templateLineOfTheSliceStartIsSliceLineOne() {
        assertThat(seedsLayout.sliceLine("db/db_impl/db_impl_write.cc:370")).hasValue(1);
        assertThat(seedsLayout.sliceLine("db/db_impl/db_impl_write.cc:969")).hasValue(600);
        assertThat(seedsLayout.templateLine(1)).isEqualTo(370);
    }

    @Test
    void matchesAbsoluteRelativeAndBareProfilePaths() {
        assertThat(seedsLayout.sliceLine("/home/u/rocksdb/db/db_impl/db_impl_write.cc:400")).hasValue(31);
        assertThat(seedsLayout.sliceLine("db_impl_write.cc:400")).hasValue(31);
        assertThat(seedsLayout.sliceLine("./db/db_impl/db_impl_write.cc:400")).hasValue(31);
        assertThat(seedsLayout.sliceLine("db/db_impl/db_impl_write.cc:1241(IO,0.50%|)")).isEmpty();
        assertThat(seedsLayout.sliceLine("db/db_impl/db_impl_write.cc:500(IO,0.50%|)")).hasValue(131);
    }

    @Test
    void otherFilesLinesOutsideAndPseudoLocationsAreContext() {
        assertThat(seedsLayout.sliceLine("db/db_impl/db_impl_write.cc:369")).isEmpty();
        assertThat(seedsLayout.sliceLine("db/db_impl/db_impl_write.cc:970")).isEmpty();
        assertThat(seedsLayout.sliceLine("db/memtable.cc:400")).isEmpty();
        assertThat(seedsLayout.sliceLine("other/db_impl_write.cc.bak:400")).isEmpty();
        assertThat(seedsLayout.sliceLine("xdb_impl_write.cc:400")).isEmpty();
        assertThat(seedsLayout.sliceLine("LOCK")).isEmpty();
    }

    @Test
    void rejectsImpossibleSlices() {
        assertThatThrownBy(() -> new SliceMapping("a.cc", 0, 10)).hasMessageContaining("line >= 1");
        assertThatThrownBy(() -> new SliceMapping("", 1, 10)).hasMessageContaining("must name a file");
        assertThatThrownBy(() -> seedsLayout.templateLine(601)).hasMessageContaining("outside 1..600");
    }
}
