namespace HumanSecurityAlerts.Classification;

/// <summary>A field's words as one language's codes (stop words left out), with where each came from. Reused across calls.</summary>
internal sealed class CodedTokens
{
    private int[] codes = new int[256];
    private int[] starts = new int[256];
    private int[] lengths = new int[256];
    private int[] ordinals = new int[256];

    public int Count { get; private set; }

    public ReadOnlySpan<int> Codes => codes.AsSpan(0, Count);

    public int Start(int index) => starts[index];

    public int End(int index) => starts[index] + lengths[index];

    public int Ordinal(int index) => ordinals[index];

    public void Clear() => Count = 0;

    public void Add(int code, Token token, int ordinal)
    {
        // Consecutive boundaries say nothing more than one.
        if (code == LanguageVocabulary.Boundary && (Count == 0 || codes[Count - 1] == LanguageVocabulary.Boundary))
        {
            return;
        }

        if (Count == codes.Length)
        {
            Array.Resize(ref codes, Count * 2);
            Array.Resize(ref starts, Count * 2);
            Array.Resize(ref lengths, Count * 2);
            Array.Resize(ref ordinals, Count * 2);
        }

        codes[Count] = code;
        starts[Count] = token.Start;
        lengths[Count] = token.Length;
        ordinals[Count] = ordinal;
        Count++;
    }
}
