using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Sparkify.Tests.Infrastructure.Redshift;

/// <summary>
/// A Redshift <c>COPY … FROM 's3://…'</c>, parsed by the grammar AWS documents, for the parameters the stand-in implements; any other
/// parameter is refused by name, so a statement the loader starts sending is never half-understood.
/// </summary>
/// <remarks>
/// <c>COPY table [ (column, …) ] FROM 's3://…' IAM_ROLE 'arn' [ FORMAT [AS] ] JSON [AS] { 'auto' | 'auto ignorecase' | 's3://jsonpaths' }
/// [ MANIFEST ] [ GZIP ] [ REGION [AS] 'region' ] [ COMPUPDATE [ ON | OFF | TRUE | FALSE | PRESET ] ] [ STATUPDATE [ ON | OFF | TRUE | FALSE ] ]
/// [ MAXERROR [AS] n ]</c>, parameters in any order after FROM: https://docs.aws.amazon.com/redshift/latest/dg/r_COPY.html,
/// https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-source-s3.html,
/// https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-authorization.html,
/// https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-format.html#copy-json,
/// https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-file-compression.html,
/// https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-load.html.
/// </remarks>
public sealed partial record CopyStatement(string Table, IReadOnlyList<string>? Columns, string From, string IamRole, string Format)
{
    /// <summary>MAXERROR's limit: "The MAXERROR default value is 0 and the limit is 100000."</summary>
    public const int MaxErrorLimit = 100_000;

    public bool Manifest { get; init; }
    public bool Gzip { get; init; }
    public string? Region { get; init; }
    public int MaxError { get; init; }

    /// <summary>STATUPDATE was given (ON or OFF): "the current user must be either the table owner or a superuser".</summary>
    public bool StatUpdate { get; init; }

    /// <summary>Whether <paramref name="sql"/> is a COPY from S3, which PostgreSQL cannot run.</summary>
    public static bool IsCopyFromS3(string sql) => CopyFromS3().IsMatch(sql);

    /// <summary>Parses the statement; a statement outside the grammar is a <see cref="RedshiftErrorException"/> as Redshift's parser would give one.</summary>
    public static CopyStatement Parse(string sql)
    {
        var tokens = new Tokens(sql);
        tokens.Expect("copy");
        var table = tokens.Identifier();
        List<string>? columns = null;
        if (tokens.TryPunctuation('('))
        {
            columns = [tokens.Identifier()];
            while (tokens.TryPunctuation(','))
                columns.Add(tokens.Identifier());
            tokens.ExpectPunctuation(')');
        }
        tokens.Expect("from");
        var from = tokens.Literal();
        string? role = null, format = null, region = null;
        bool manifest = false, gzip = false, statUpdate = false;
        var maxError = 0;
        while (tokens.Word() is { } word)
        {
            switch (word)
            {
                case "iam_role":
                    role = tokens.Literal();
                    break;
                case "format":
                    tokens.Optional("as");
                    tokens.Expect("json");
                    goto case "json";
                case "json":
                    tokens.Optional("as");
                    format = tokens.Literal();
                    break;
                case "manifest":
                    manifest = true;
                    break;
                case "gzip":
                    gzip = true;
                    break;
                case "region":
                    tokens.Optional("as");
                    region = tokens.Literal();
                    break;
                case "compupdate":
                    tokens.OptionalOneOf("on", "off", "true", "false", "preset");
                    break;
                case "statupdate":
                    tokens.OptionalOneOf("on", "off", "true", "false");
                    statUpdate = true;
                    break;
                case "maxerror":
                    tokens.Optional("as");
                    maxError = tokens.Number();
                    if (maxError > MaxErrorLimit)
                        throw RedshiftErrorException.Syntax($"MAXERROR {maxError} is above its limit of {MaxErrorLimit}");
                    break;
                default:
                    throw new RedshiftErrorException("0A000", $"the Redshift stand-in does not implement the COPY parameter {word.ToUpperInvariant()}; " +
                        "give it an implementation that follows AWS's documentation before the loader sends it");
            }
        }
        tokens.End();
        if (role is null)
            throw RedshiftErrorException.Syntax("COPY from S3 needs an authorization parameter (IAM_ROLE)");
        if (!RoleArn().IsMatch(role))
            throw new RedshiftErrorException("XX000", $"Invalid IAM role ARN '{role}': expected arn:aws:iam::<account-id>:role/<role-name>");
        if (format is null)
            throw new RedshiftErrorException("0A000", "the Redshift stand-in implements COPY from JSON only: FORMAT AS JSON is missing");
        return new(table, columns, from, role, format) { Manifest = manifest, Gzip = gzip, Region = region, MaxError = maxError, StatUpdate = statUpdate };
    }

    [GeneratedRegex(@"^\s*copy\s.*?\sfrom\s+'s3://", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex CopyFromS3();

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@\-/]+$")]
    private static partial Regex RoleArn();

    /// <summary>The statement's words, string literals and punctuation, in order.</summary>
    private sealed class Tokens
    {
        private readonly List<(char Kind, string Text)> _tokens = [];
        private int _next;

        public Tokens(string sql)
        {
            for (var i = 0; i < sql.Length;)
            {
                var c = sql[i];
                if (char.IsWhiteSpace(c) || c == ';')
                    i++;
                else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
                    i = sql.IndexOf('\n', i) is var end and >= 0 ? end : sql.Length;
                else if (c == '\'')
                {
                    var text = new StringBuilder();
                    for (i++; ; i++)
                    {
                        if (i >= sql.Length)
                            throw RedshiftErrorException.Syntax("unterminated quoted string");
                        if (sql[i] == '\'' && i + 1 < sql.Length && sql[i + 1] == '\'')
                            (text, i) = (text.Append('\''), i + 1);
                        else if (sql[i] == '\'')
                            break;
                        else
                            text.Append(sql[i]);
                    }
                    _tokens.Add(('\'', text.ToString()));
                    i++;
                }
                else if (char.IsLetterOrDigit(c) || c == '_')
                {
                    var start = i;
                    while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '.'))
                        i++;
                    _tokens.Add(('w', sql[start..i].ToLowerInvariant()));
                }
                else
                {
                    _tokens.Add(('p', c.ToString()));
                    i++;
                }
            }
        }

        private (char Kind, string Text)? Peek => _next < _tokens.Count ? _tokens[_next] : null;

        public string? Word() => Peek is ('w', var text) ? Take(text) : Peek is null ? null : throw Unexpected();

        public string Identifier() => Peek is ('w', var text) ? Take(text) : throw Unexpected();

        public string Literal() => Peek is ('\'', var text) ? Take(text) : throw Unexpected();

        public int Number() => Peek is ('w', var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? Take(n) : throw Unexpected();

        public void Expect(string word)
        {
            if (Peek is not ('w', var text) || text != word)
                throw Unexpected();
            _next++;
        }

        public void Optional(string word)
        {
            if (Peek is ('w', var text) && text == word)
                _next++;
        }

        public void OptionalOneOf(params string[] words)
        {
            if (Peek is ('w', var text) && words.Contains(text))
                _next++;
        }

        public bool TryPunctuation(char c)
        {
            if (Peek is not ('p', var text) || text[0] != c)
                return false;
            _next++;
            return true;
        }

        public void ExpectPunctuation(char c)
        {
            if (!TryPunctuation(c))
                throw Unexpected();
        }

        public void End()
        {
            if (Peek is not null)
                throw Unexpected();
        }

        private T Take<T>(T value)
        {
            _next++;
            return value;
        }

        private RedshiftErrorException Unexpected() =>
            RedshiftErrorException.Syntax(Peek is { } token ? $"syntax error at or near \"{token.Text}\"" : "syntax error at end of input");
    }
}
