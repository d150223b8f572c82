using System.Collections.Frozen;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace HumanSecurityAlerts.Text;

/// <summary>
/// Plain text from an HTML fragment (feed descriptions, release bodies, a page given to the classifier): entities
/// decoded, scripts and styles dropped, block elements on their own lines, runs of whitespace collapsed. Nothing is
/// fetched or executed. The one converter of the service, so the text the classifier reads is the text that is stored
/// and evidence positions point into it.
/// </summary>
internal static class HtmlToText
{
    private static readonly FrozenSet<string> Skipped = FrozenSet.ToFrozenSet(
        ["script", "style", "noscript", "template", "iframe", "object", "svg", "head"], StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> Blocks = FrozenSet.ToFrozenSet(
        ["p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote", "section",
         "article", "header", "footer", "pre", "hr", "figure", "figcaption", "dd", "dt", "dl", "main", "aside", "nav"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>True if the text holds something that looks like a tag: "&lt;p", "&lt;/", "&lt;!".</summary>
    public static bool LooksLikeHtml(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOf('<'); i >= 0 && i + 1 < text.Length; i = NextTag(text, i))
        {
            var next = text[i + 1];
            if ((char.IsAsciiLetter(next) || next is '/' or '!') && text[(i + 1)..].Contains('>'))
            {
                return true;
            }
        }

        return false;

        static int NextTag(ReadOnlySpan<char> text, int from)
        {
            var next = text[(from + 1)..].IndexOf('<');
            return next < 0 ? -1 : from + 1 + next;
        }
    }

    public static string Convert(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }

        if (!html.Contains('<', StringComparison.Ordinal) && !html.Contains('&', StringComparison.Ordinal))
        {
            return Normalise(html);
        }

        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var document = parser.ParseDocument("");
        var nodes = parser.ParseFragment(html, document.Body!);
        var text = new StringBuilder(html.Length);
        foreach (var node in nodes)
        {
            Append(node, text);
        }

        return Normalise(text.ToString());
    }

    private static void Append(INode node, StringBuilder text)
    {
        switch (node)
        {
            case IText t:
                text.Append(t.Data);
                break;
            case IElement e when Skipped.Contains(e.LocalName):
                break;
            case IElement e:
                var block = Blocks.Contains(e.LocalName);
                if (block)
                {
                    NewLine(text);
                }

                foreach (var child in e.ChildNodes)
                {
                    Append(child, text);
                }

                if (block)
                {
                    NewLine(text);
                }

                break;
            default:
                break;
        }
    }

    private static void NewLine(StringBuilder text)
    {
        if (text.Length > 0 && text[^1] != '\n')
        {
            text.Append('\n');
        }
    }

    /// <summary>Collapses whitespace within lines, trims them, and keeps at most one empty line between paragraphs.</summary>
    internal static string Normalise(string text)
    {
        var result = new StringBuilder(text.Length);
        var blankRun = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = string.Join(' ', rawLine.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (line.Length == 0)
            {
                blankRun++;
                continue;
            }

            if (result.Length > 0)
            {
                result.Append(blankRun > 0 ? "\n\n" : "\n");
            }

            result.Append(line);
            blankRun = 0;
        }

        return result.ToString();
    }
}
