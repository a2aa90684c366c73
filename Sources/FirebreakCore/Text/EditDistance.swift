/// The Levenshtein distance between two short texts: how many letters to insert, delete or change.
/// For "did you mean" suggestions; quadratic, so only for names and words.
public enum EditDistance {
    public static func between(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        guard !x.isEmpty else { return y.count }
        guard !y.isEmpty else { return x.count }
        var previous = Array(0...y.count)
        var current = previous
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let change = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
                current[j] = min(change, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The candidate nearest to `word`, when it is at most `limit` edits away.
    public static func nearest(_ word: String, in candidates: some Sequence<String>, limit: Int) -> String? {
        var best: (String, Int)?
        for candidate in candidates {
            let d = between(word, candidate)
            if d <= limit, d < (best?.1 ?? .max) { best = (candidate, d) }
        }
        return best?.0
    }
}
