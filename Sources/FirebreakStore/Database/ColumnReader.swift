import PostgresNIO

/// A row's columns read one after another, each as the type asked for.
///
/// `rows.decode((A, B, …).self)` looks up the tuple's generic metadata for every row; on the
/// ranking's 100,000 rows that was a tenth of its time in Swift. Read column by column, each
/// decode is specialised and nothing is looked up.
struct ColumnReader {
    private var cells: PostgresRow.Iterator

    init(_ row: PostgresRow) { cells = row.makeIterator() }

    mutating func next<T: PostgresDecodable>(_: T.Type = T.self) throws -> T {
        guard let cell = cells.next() else {
            throw StoreError(.internal, "a query answered fewer columns than Firebreak reads")
        }
        return try cell.decode(T.self)
    }
}
