#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an import's staged products back in id order on a thread of its own and hands them to the inserting
/// thread in batches of ``ProductBatch``, so that the inserting thread only binds and steps.
///
/// Why: after the sort, merging the products into `product` is SQLite's insert (about 10,000 instructions a row)
/// plus reading the sorted runs back from their temp files, merging them and decoding each record (2,000 to
/// 3,000 a row). A gateway has two cores: the second one does the reading while the first one inserts.
///
/// The staged products belong to the feed's thread until ``close()`` returns: the caller must not touch them
/// before. A few batches are in flight at most, so memory stays bounded.
final class ProductBatchFeed: @unchecked Sendable {
    // @unchecked Sendable: the mutable state below is only touched with `mutex` held; `staged` is used by the
    // feed's thread alone until it reports done; a batch is handed over whole and never shared.
    private let staged: StagedProducts
    private let batchSize: Int
    private let depth: Int
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var ready: [ProductBatch] = []
    private var producerDone = false
    private var producerError: (any Error)?
    private var cancelled = false
    private var worker: SerialWorkerThread<@Sendable () -> Void>?

    /// Starts reading `staged` on a new thread.
    init(staged: StagedProducts, batchSize: Int, depth: Int = 8) throws {
        self.staged = staged
        self.batchSize = batchSize
        self.depth = depth
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
        let worker = try SerialWorkerThread<@Sendable () -> Void>(name: "spd-import") { jobs in
            for job in jobs { job() }
        }
        self.worker = worker
        _ = worker.submit { [self] in produce() }
        worker.shutdown()  // the thread ends after this one job
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        changed.deallocate()
        mutex.deallocate()
    }

    /// The next batch in id order; nil after the last. Rethrows what stopped the reading (a temp file error).
    func next() throws -> ProductBatch? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while ready.isEmpty && !producerDone { pthread_cond_wait(changed, mutex) }
        if !ready.isEmpty {
            pthread_cond_broadcast(changed)  // room for the producer again
            return ready.removeFirst()
        }
        if let producerError { throw producerError }
        return nil
    }

    /// Stops the reading if it still runs and waits for the feed's thread to let go of the staged products.
    func close() {
        pthread_mutex_lock(mutex)
        cancelled = true
        pthread_cond_broadcast(changed)
        while !producerDone { pthread_cond_wait(changed, mutex) }
        ready.removeAll()
        pthread_mutex_unlock(mutex)
        worker = nil
    }

    // MARK: The feed's thread

    private func produce() {
        var failure: (any Error)?
        do {
            var batch = ProductBatch(capacity: batchSize)
            try staged.forEachSortedRecord { record in
                batch.append(record)
                guard batch.count == batchSize else { return }
                try hand(batch)
                batch = ProductBatch(capacity: batchSize)
            }
            if batch.count > 0 { try hand(batch) }
        } catch is FeedCancelled {
            // The inserting side stopped (its own error): nothing to report.
        } catch {
            failure = error
        }
        pthread_mutex_lock(mutex)
        producerDone = true
        producerError = failure
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(mutex)
    }

    /// Queues a full batch, waiting while `depth` batches are waiting already.
    private func hand(_ batch: ProductBatch) throws {
        batch.seal()
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while ready.count >= depth && !cancelled { pthread_cond_wait(changed, mutex) }
        if cancelled { throw FeedCancelled() }
        ready.append(batch)
        pthread_cond_broadcast(changed)
    }

    private struct FeedCancelled: Error {}
}
