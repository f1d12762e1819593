namespace Sparkify.Settings;

/// <summary>How far apart two names are, to suggest the setting a misspelt one meant.</summary>
internal static class EditDistance
{
    /// <summary>
    /// Insertions, deletions, substitutions and swaps of neighbouring letters that turn one name into the other, ignoring
    /// case (Damerau-Levenshtein, optimal string alignment): a swap is one slip of the fingers, not two.
    /// </summary>
    public static int Between(string a, string b)
    {
        a = a.ToUpperInvariant();
        b = b.ToUpperInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
        {
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
        }
        return d[a.Length, b.Length];
    }

    /// <summary>The candidate nearest to <paramref name="name"/>, the first of equals; null when none is close.</summary>
    /// <remarks>
    /// Close means at most one edit per three letters of the name (and always one): DB_PASWORD finds DB_PASSWORD,
    /// HST finds HOST, but PORT does not become HOST.
    /// </remarks>
    public static string? Nearest(string name, IEnumerable<string> candidates) =>
        candidates.Select(candidate => (Candidate: candidate, Distance: Between(name, candidate)))
            .Where(c => c.Distance <= Math.Max(1, name.Length / 3))
            .OrderBy(c => c.Distance)
            .Select(c => c.Candidate)
            .FirstOrDefault();
}
