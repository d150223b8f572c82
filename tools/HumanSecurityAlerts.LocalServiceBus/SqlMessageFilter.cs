using System.Globalization;
using System.Text.RegularExpressions;

namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>
/// The subset of Service Bus SQL filters the local broker evaluates: comparisons with =, &lt;&gt;, !=, &lt;, &gt;,
/// &lt;= or &gt;=, IS [NOT] NULL, EXISTS(name), TRUE / FALSE, combined with AND, OR, NOT and parentheses. Names are
/// application properties, or system properties with the sys. prefix. Anything else is refused when the rule is created.
/// </summary>
internal sealed partial class SqlMessageFilter : MessageFilter
{
    private readonly Func<MessageEnvelope, bool> predicate;

    private SqlMessageFilter(Func<MessageEnvelope, bool> predicate)
    {
        this.predicate = predicate;
    }

    public override bool Matches(MessageEnvelope envelope) => this.predicate(envelope);

    public static SqlMessageFilter Parse(string ruleName, string expression)
    {
        var parser = new Parser(ruleName, expression, Tokenize(ruleName, expression));
        Func<MessageEnvelope, bool> predicate = parser.ParseOr();
        parser.ExpectEnd();
        return new SqlMessageFilter(predicate);
    }

    [GeneratedRegex(@"\s*(?:(?<string>'(?:[^']|'')*')|(?<number>\d+(?:\.\d+)?)|(?<name>\[[^\]]+\]|[A-Za-z_][A-Za-z0-9_.\-]*)|(?<op><>|<=|>=|!=|=|<|>|\(|\)))", RegexOptions.ExplicitCapture)]
    private static partial Regex TokenPattern();

    private static List<string> Tokenize(string ruleName, string expression)
    {
        var tokens = new List<string>();
        int position = 0;
        while (position < expression.Length)
        {
            if (char.IsWhiteSpace(expression[position]))
            {
                position++;
                continue;
            }

            Match match = TokenPattern().Match(expression, position);
            if (!match.Success || match.Index != position)
            {
                throw Unsupported(ruleName, expression, $"unexpected text at position {position}");
            }

            tokens.Add(match.Value.Trim());
            position += match.Length;
        }

        return tokens;
    }

    private static ServiceBusConfigurationException Unsupported(string ruleName, string expression, string reason) =>
        new($"Rule '{ruleName}': SQL filter \"{expression}\" is not supported by the local broker ({reason}).");

    private sealed class Parser(string ruleName, string expression, List<string> tokens)
    {
        private int position;

        public Func<MessageEnvelope, bool> ParseOr()
        {
            Func<MessageEnvelope, bool> left = ParseAnd();
            while (Accept("OR"))
            {
                Func<MessageEnvelope, bool> first = left;
                Func<MessageEnvelope, bool> second = ParseAnd();
                left = envelope => first(envelope) || second(envelope);
            }

            return left;
        }

        public void ExpectEnd()
        {
            if (this.position < tokens.Count)
            {
                throw Unsupported(ruleName, expression, $"unexpected '{tokens[this.position]}'");
            }
        }

        private Func<MessageEnvelope, bool> ParseAnd()
        {
            Func<MessageEnvelope, bool> left = ParseUnary();
            while (Accept("AND"))
            {
                Func<MessageEnvelope, bool> first = left;
                Func<MessageEnvelope, bool> second = ParseUnary();
                left = envelope => first(envelope) && second(envelope);
            }

            return left;
        }

        private Func<MessageEnvelope, bool> ParseUnary()
        {
            if (Accept("NOT"))
            {
                Func<MessageEnvelope, bool> inner = ParseUnary();
                return envelope => !inner(envelope);
            }

            if (Accept("("))
            {
                Func<MessageEnvelope, bool> inner = ParseOr();
                Expect(")");
                return inner;
            }

            if (Accept("TRUE"))
            {
                return _ => true;
            }

            if (Accept("FALSE"))
            {
                return _ => false;
            }

            if (Accept("EXISTS"))
            {
                Expect("(");
                Func<MessageEnvelope, object?> property = ParseName(Next());
                Expect(")");
                return envelope => property(envelope) is not null;
            }

            Func<MessageEnvelope, object?> left = ParseOperand();
            if (Accept("IS"))
            {
                bool negated = Accept("NOT");
                if (!Accept("NULL"))
                {
                    throw Unsupported(ruleName, expression, "IS must be followed by [NOT] NULL");
                }

                return negated ? envelope => left(envelope) is not null : envelope => left(envelope) is null;
            }

            string op = Next();
            Func<MessageEnvelope, object?> right = ParseOperand();
            return op switch
            {
                "=" => envelope => ValuesEqual(left(envelope), right(envelope)),
                "<>" or "!=" => envelope => left(envelope) is not null && right(envelope) is not null && !ValuesEqual(left(envelope), right(envelope)),
                "<" => envelope => CompareValues(left(envelope), right(envelope)) < 0,
                ">" => envelope => CompareValues(left(envelope), right(envelope)) > 0,
                "<=" => envelope => CompareValues(left(envelope), right(envelope)) <= 0,
                ">=" => envelope => CompareValues(left(envelope), right(envelope)) >= 0,
                _ => throw Unsupported(ruleName, expression, $"operator '{op}'"),
            };
        }

        private Func<MessageEnvelope, object?> ParseOperand()
        {
            string token = Next();
            if (token.StartsWith('\''))
            {
                string text = token[1..^1].Replace("''", "'", StringComparison.Ordinal);
                return _ => text;
            }

            if (char.IsAsciiDigit(token[0]))
            {
                object number = token.Contains('.', StringComparison.Ordinal)
                    ? decimal.Parse(token, CultureInfo.InvariantCulture)
                    : long.Parse(token, CultureInfo.InvariantCulture);
                return _ => number;
            }

            return ParseName(token);
        }

        private Func<MessageEnvelope, object?> ParseName(string token)
        {
            string name = token.StartsWith('[') ? token[1..^1] : token;
            if (name.StartsWith("sys.", StringComparison.OrdinalIgnoreCase))
            {
                string systemName = name[4..];
                if (!IsSystemProperty(systemName))
                {
                    throw Unsupported(ruleName, expression, $"system property '{systemName}'");
                }

                return envelope => GetSystemProperty(envelope, systemName);
            }

            if (name.StartsWith("user.", StringComparison.OrdinalIgnoreCase))
            {
                name = name[5..];
            }

            if (!char.IsLetter(name[0]) && name[0] != '_')
            {
                throw Unsupported(ruleName, expression, $"'{token}'");
            }

            return envelope => envelope.ApplicationProperties.TryGetValue(name, out object? value) ? value : null;
        }

        /// <summary>Consumes the next token when it is <paramref name="keyword"/> (keywords are case-insensitive).</summary>
        private bool Accept(string keyword)
        {
            if (this.position < tokens.Count && string.Equals(tokens[this.position], keyword, StringComparison.OrdinalIgnoreCase))
            {
                this.position++;
                return true;
            }

            return false;
        }

        private void Expect(string token)
        {
            if (!Accept(token))
            {
                throw Unsupported(ruleName, expression, $"expected '{token}'");
            }
        }

        private string Next() =>
            this.position < tokens.Count ? tokens[this.position++] : throw Unsupported(ruleName, expression, "unexpected end");
    }
}
