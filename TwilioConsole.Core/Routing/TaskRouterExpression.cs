using System.Globalization;
using System.Text.Json;

namespace TwilioConsole.Core.Routing;

/// <summary>A TaskRouter expression that could not be parsed: where, and what was expected there.</summary>
public sealed class ExpressionException(int position, string message) : Exception($"{message} (at position {position + 1})")
{
    /// <summary>Zero-based character index in the expression.</summary>
    public int Position { get; } = position;
}

/// <summary>
/// TaskRouter's expression language (workflow filters, queue target-workers): comparisons <c>== != &lt; &gt; &lt;= &gt;=</c>,
/// <c>IN</c>, <c>NOT IN</c>, <c>CONTAINS</c>, <c>HAS</c>, combined with <c>AND</c>/<c>OR</c> and parentheses, over dotted
/// attribute paths, strings, numbers and lists. Parsed once, evaluated against task or worker attributes (JSON).
/// A comparison that reads a missing attribute, or compares different types, is false.
/// </summary>
public sealed class TaskRouterExpression
{
    private readonly Node _root;

    private TaskRouterExpression(string text, Node root) => (Text, _root) = (text, root);

    public string Text { get; }

    public static TaskRouterExpression Parse(string text) => new(text, new Parser(text).ParseAll());

    /// <summary>Null when the expression parses; else the message with its position.</summary>
    public static ExpressionException? Check(string text)
    {
        try
        {
            Parse(text);
            return null;
        }
        catch (ExpressionException e)
        {
            return e;
        }
    }

    public bool Evaluate(JsonElement attributes) => _root.Evaluate(attributes);

    public bool Evaluate(string attributesJson)
    {
        using var doc = JsonDocument.Parse(attributesJson);
        return Evaluate(doc.RootElement);
    }

    private abstract record Node
    {
        public abstract bool Evaluate(JsonElement attributes);
    }

    private sealed record Or(Node Left, Node Right) : Node
    {
        public override bool Evaluate(JsonElement a) => Left.Evaluate(a) || Right.Evaluate(a);
    }

    private sealed record And(Node Left, Node Right) : Node
    {
        public override bool Evaluate(JsonElement a) => Left.Evaluate(a) && Right.Evaluate(a);
    }

    private sealed record Comparison(Operand Left, string Op, Operand Right) : Node
    {
        public override bool Evaluate(JsonElement a)
        {
            if (Left.Resolve(a) is not { } left || Right.Resolve(a) is not { } right)
            {
                return false;
            }

            return Op switch
            {
                "==" => Equal(left, right),
                "!=" => !Equal(left, right) && SameKind(left, right),
                "<" or ">" or "<=" or ">=" => Number(left) is { } l && Number(right) is { } r && Op switch
                {
                    "<" => l < r,
                    ">" => l > r,
                    "<=" => l <= r,
                    _ => l >= r,
                },
                "IN" => right.ValueKind == JsonValueKind.Array && ListHolds(right, left, valueFirst: true),
                "NOT IN" => right.ValueKind == JsonValueKind.Array && !ListHolds(right, left, valueFirst: true),
                "HAS" => left.ValueKind == JsonValueKind.Array && ListHolds(left, right, valueFirst: false),
                "CONTAINS" => left.ValueKind == JsonValueKind.String && right.ValueKind == JsonValueKind.String
                    ? left.GetString()!.Contains(right.GetString()!, StringComparison.Ordinal)
                    : left.ValueKind == JsonValueKind.Array && ListHolds(left, right, valueFirst: false),
                _ => false,
            };
        }

        /// <summary>Whether the list holds the value (a loop, not LINQ: routing a task should not allocate).</summary>
        private bool ListHolds(JsonElement list, JsonElement value, bool valueFirst)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (valueFirst ? Equal(value, item) : Equal(item, value))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>String equality without allocating: literals keep their text, so only the attribute side is compared in place.</summary>
        private bool StringEqual(JsonElement a, JsonElement b) =>
            Right is Literal { Text: { } right } ? a.ValueEquals(right) :
            Left is Literal { Text: { } left } ? b.ValueEquals(left) :
            a.GetString() == b.GetString();

        private static bool SameKind(JsonElement a, JsonElement b) => Kind(a) == Kind(b);

        private static JsonValueKind Kind(JsonElement e) => e.ValueKind is JsonValueKind.True or JsonValueKind.False ? JsonValueKind.True : e.ValueKind;

        private static decimal? Number(JsonElement e) => e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out var d) ? d : null;

        private bool Equal(JsonElement a, JsonElement b) => (a.ValueKind, b.ValueKind) switch
        {
            (JsonValueKind.String, JsonValueKind.String) => StringEqual(a, b),
            (JsonValueKind.Number, JsonValueKind.Number) => Number(a) == Number(b),
            (JsonValueKind.True or JsonValueKind.False, JsonValueKind.True or JsonValueKind.False) => a.GetBoolean() == b.GetBoolean(),
            _ => false,
        };
    }

    private abstract record Operand
    {
        public abstract JsonElement? Resolve(JsonElement attributes);
    }

    private sealed record Literal(JsonElement Value) : Operand
    {
        /// <summary>The value when it is a string, kept so comparisons need not read it from JSON each time.</summary>
        public string? Text { get; } = Value.ValueKind == JsonValueKind.String ? Value.GetString() : null;

        public override JsonElement? Resolve(JsonElement attributes) => Value;
    }

    private sealed record AttributePath(string[] Parts) : Operand
    {
        // UTF-8 names: JsonElement.TryGetProperty(string) would transcode the name on every evaluation.
        private readonly byte[][] _utf8 = [.. Parts.Select(System.Text.Encoding.UTF8.GetBytes)];

        public override JsonElement? Resolve(JsonElement attributes)
        {
            var node = attributes;
            foreach (var part in _utf8)
            {
                if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(part, out node))
                {
                    return null;
                }
            }

            return node;
        }
    }

    private sealed class Parser(string text)
    {
        private static readonly string[] Symbols = ["==", "!=", "<=", ">=", "<", ">"];
        private int _pos;

        public Node ParseAll()
        {
            var node = ParseOr();
            SkipSpace();
            return _pos == text.Length ? node : throw new ExpressionException(_pos, $"Expected AND, OR or the end, found '{Rest()}'");
        }

        private Node ParseOr()
        {
            var left = ParseAnd();
            while (TryKeyword("OR"))
            {
                left = new Or(left, ParseAnd());
            }

            return left;
        }

        private Node ParseAnd()
        {
            var left = ParsePrimary();
            while (TryKeyword("AND"))
            {
                left = new And(left, ParsePrimary());
            }

            return left;
        }

        private Node ParsePrimary()
        {
            SkipSpace();
            if (Peek() == '(')
            {
                _pos++;
                var inner = ParseOr();
                SkipSpace();
                return Peek() == ')' ? Advance(inner) : throw new ExpressionException(_pos, "Expected ')' to close the '('");
            }

            var left = ParseOperand();
            SkipSpace();
            var opAt = _pos;
            var op = ParseOperator() ?? throw new ExpressionException(opAt, $"Expected an operator (==, !=, <, >, <=, >=, IN, NOT IN, CONTAINS, HAS) after the value, found '{Rest()}'");
            return new Comparison(left, op, ParseOperand());
        }

        private string? ParseOperator()
        {
            foreach (var symbol in Symbols)
            {
                if (string.CompareOrdinal(text, _pos, symbol, 0, symbol.Length) == 0)
                {
                    _pos += symbol.Length;
                    return symbol;
                }
            }

            if (TryKeyword("NOT"))
            {
                return TryKeyword("IN") ? "NOT IN" : throw new ExpressionException(_pos, "Expected IN after NOT");
            }

            foreach (var keyword in new[] { "IN", "CONTAINS", "HAS" })
            {
                if (TryKeyword(keyword))
                {
                    return keyword;
                }
            }

            return null;
        }

        private Operand ParseOperand()
        {
            SkipSpace();
            var start = _pos;
            var c = Peek();
            if (c is '"' or '\'')
            {
                return new Literal(JsonSerializer.SerializeToElement(ParseString()));
            }

            if (c == '[')
            {
                _pos++;
                var items = new List<JsonElement>();
                SkipSpace();
                if (Peek() != ']')
                {
                    do
                    {
                        items.Add(ParseOperand() is Literal l ? l.Value : throw new ExpressionException(start, "A list holds only strings and numbers"));
                        SkipSpace();
                    }
                    while (Peek() == ',' && Advance(true));
                }

                return Peek() == ']' ? Advance(new Literal(JsonSerializer.SerializeToElement(items))) : throw new ExpressionException(_pos, "Expected ',' or ']' in the list");
            }

            if (c is '-' or '.' || char.IsDigit(c))
            {
                while (_pos < text.Length && (char.IsDigit(text[_pos]) || text[_pos] is '.' or '-'))
                {
                    _pos++;
                }

                return decimal.TryParse(text[start.._pos], NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? new Literal(JsonSerializer.SerializeToElement(number))
                    : throw new ExpressionException(start, $"'{text[start.._pos]}' is not a number");
            }

            if (char.IsLetter(c) || c == '_')
            {
                while (_pos < text.Length && (char.IsLetterOrDigit(text[_pos]) || text[_pos] is '_' or '.' or '-'))
                {
                    _pos++;
                }

                var word = text[start.._pos];
                if (word is "true" or "false")
                {
                    return new Literal(JsonSerializer.SerializeToElement(word == "true"));
                }

                if (word.Split('.').Any(p => p.Length == 0))
                {
                    throw new ExpressionException(start, $"'{word}' is not a valid attribute path");
                }

                return new AttributePath(word.Split('.'));
            }

            throw new ExpressionException(start, _pos >= text.Length ? "Expected a value, found the end" : $"Expected an attribute, a string, a number or a list, found '{Rest()}'");
        }

        private string ParseString()
        {
            var quote = text[_pos];
            var start = _pos++;
            var end = text.IndexOf(quote, _pos);
            if (end < 0)
            {
                throw new ExpressionException(start, "This string has no closing quote");
            }

            var value = text[_pos..end];
            _pos = end + 1;
            return value;
        }

        private bool TryKeyword(string keyword)
        {
            SkipSpace();
            var end = _pos + keyword.Length;
            if (end <= text.Length && string.Compare(text, _pos, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0 &&
                (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                _pos = end;
                return true;
            }

            return false;
        }

        private T Advance<T>(T value)
        {
            _pos++;
            return value;
        }

        private char Peek() => _pos < text.Length ? text[_pos] : '\0';

        private string Rest() => _pos >= text.Length ? "the end" : text[_pos..Math.Min(text.Length, _pos + 20)];

        private void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
            {
                _pos++;
            }
        }
    }
}
