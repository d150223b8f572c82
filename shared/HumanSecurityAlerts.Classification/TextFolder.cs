using System.Globalization;
using System.Text;

namespace HumanSecurityAlerts.Classification;

/// <summary>Case and accent folding, so "Êtres", "êtres" and "ETRES" are one word.</summary>
internal static class TextFolder
{
    private const char First = '\u00C0';
    private const char Last = '\u017F';

    // Latin-1 Supplement and Latin Extended-A cover English and French; folded once at start-up.
    private static readonly string[] Table = BuildTable();

    /// <summary>Writes the folded <paramref name="word"/> into <paramref name="destination"/>; returns its length, or -1 if it does not fit.</summary>
    public static int Fold(ReadOnlySpan<char> word, Span<char> destination)
    {
        var length = 0;
        foreach (var c in word)
        {
            if (c is >= First and <= Last)
            {
                var folded = Table[c - First];
                if (length + folded.Length > destination.Length)
                {
                    return -1;
                }

                folded.CopyTo(destination[length..]);
                length += folded.Length;
                continue;
            }

            if (IsCombiningMark(c))
            {
                continue;
            }

            if (length == destination.Length)
            {
                return -1;
            }

            destination[length++] = c < 0x80 ? (char)(c is >= 'A' and <= 'Z' ? c + 32 : c) : char.ToLowerInvariant(c);
        }

        return length;
    }

    /// <summary>Combining accents of decomposed (NFD) text belong to the word they follow.</summary>
    public static bool IsCombiningMark(char c) => c is >= '\u0300' and <= '\u036F';

    private static string[] BuildTable()
    {
        var table = new string[Last - First + 1];
        for (var c = First; c <= Last; c++)
        {
            table[c - First] = char.ToLowerInvariant(c) switch
            {
                'œ' => "oe",
                'æ' => "ae",
                'ß' => "ss",
                var lower => StripMarks(lower),
            };
        }

        return table;
    }

    private static string StripMarks(char c)
    {
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var d in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(d);
            }
        }

        return builder.Length == 0 ? c.ToString() : builder.ToString();
    }
}
