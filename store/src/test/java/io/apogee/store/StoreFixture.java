package io.apogee.store;

import java.nio.file.Path;

/** Small-file store configurations for tests. */
public final class StoreFixture {
    private StoreFixture() {
    }

    /** 64 KiB CommitLog files, 10-entry consume-queue files, a small index. */
    public static StoreConfig.Builder small(Path root) {
        return StoreConfig.builder().storePathRootDir(root).mappedFileSizeCommitLog(64 * 1024)
                .mappedFileSizeConsumeQueue(10 * 20).maxHashSlotNum(64).maxIndexNum(256)
                .flushIntervalCommitLog(10);
    }
}
