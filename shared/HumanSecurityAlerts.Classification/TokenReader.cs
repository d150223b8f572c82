namespace HumanSecurityAlerts.Classification;

/// <summary>
/// Splits text into words (runs of letters and digits) and sentence boundaries, without allocating.
/// Apostrophes and hyphens split words: "l'OTAN" gives "l" and "otan", "conflict-related" gives
/// "conflict" and "related"; the elided articles are stop words.
/// </summary>
internal ref struct TokenReader(ReadOnlySpan<char> text)
{
    private readonly ReadOnlySpan<char> text = text;
    private int position;

    public bool Read(out Token token)
    {
        while (position < text.Length)
        {
            var start = position;
            var c = text[position];
            if (IsWordChar(c))
            {
                while (position < text.Length && IsWordChar(text[position]))
                {
                    position++;
                }

                token = new Token(false, start, position - start);
                return true;
            }

            position++;
            if (IsBoundary(c))
            {
                token = new Token(true, start, 1);
                return true;
            }
        }

        token = default;
        return false;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || TextFolder.IsCombiningMark(c);

    private readonly bool IsBoundary(char c) => c switch
    {
        ';' or '•' or '|' or '\u2029' => true,
        // "U.N." and "S/RES/1820" keep their dots; a full stop is followed by space or the end.
        '.' or '!' or '?' or ':' => position == text.Length || !IsWordChar(text[position]),
        // Hard-wrapped lines are one sentence; a blank line or a bullet starts a new one.
        '\n' => StartsBlock(),
        _ => false,
    };

    private readonly bool StartsBlock()
    {
        var i = position;
        while (i < text.Length && text[i] is ' ' or '\t' or '\r')
        {
            i++;
        }

        return i == text.Length || text[i] is '\n' or '-' or '*' or '•' or '–' or '—';
    }
}
