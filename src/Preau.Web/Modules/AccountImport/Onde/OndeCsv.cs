using System.Text;

namespace Preau.Web.Modules.AccountImport.Onde;

/// <summary>One record of a CSV file; <see cref="Line"/> counts records as a spreadsheet does (header = 1).</summary>
internal sealed record CsvRecord(int Line, string[] Fields)
{
    public bool IsBlank => Fields.All(string.IsNullOrWhiteSpace);
}

/// <summary>The decoded text of an extraction, or why it could not be read.</summary>
internal sealed record DecodedText(string? Text, string EncodingName, string? Failure, int FailureLine);

/// <summary>Encoding detection and a small, lenient CSV tokenizer (ONDE files are simple; real ones are sloppy).</summary>
internal static class OndeCsv
{
    /// <summary>Windows-1252 bytes 0x80–0x9F; the rest of the code page is ISO-8859-1. Unassigned bytes keep their C1 value.</summary>
    private static readonly char[] Cp1252High =
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    ];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string DecodeWindows1252(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            chars[i] = b is >= 0x80 and <= 0x9F ? Cp1252High[b - 0x80] : (char)b;
        }
        return new string(chars);
    }

    /// <summary>BOM → UTF-8 (or UTF-16); otherwise strict UTF-8, falling back to Windows-1252. NUL bytes mean a binary file.</summary>
    public static DecodedText Decode(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.Length >= 2 && ((span[0] == 0xFF && span[1] == 0xFE) || (span[0] == 0xFE && span[1] == 0xFF)))
        {
            var utf16 = span[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            return new DecodedText(StripBoms(utf16.GetString(span[2..])), "UTF-16", null, 0);
        }
        var name = "UTF-8";
        var hadBom = false;
        while (span.Length >= 3 && span[0] == 0xEF && span[1] == 0xBB && span[2] == 0xBF)
        {
            span = span[3..];
            hadBom = true;
        }
        var nul = span.IndexOf((byte)0);
        if (nul >= 0)
        {
            var line = span[..nul].Count((byte)'\n') + 1;
            var what = span.StartsWith("PK"u8)
                ? "le fichier est un classeur (Excel ou LibreOffice), pas un fichier CSV"
                : "le fichier contient des données binaires, ce n'est pas un fichier texte CSV";
            return new DecodedText(null, "binaire", $"{what} : téléchargez de nouveau l'extraction au format CSV depuis ONDE.", line);
        }
        string text;
        if (hadBom)
        {
            text = Encoding.UTF8.GetString(span);
            name = "UTF-8 (BOM)";
        }
        else
        {
            try
            {
                text = StrictUtf8.GetString(span);
            }
            catch (DecoderFallbackException)
            {
                text = DecodeWindows1252(span);
                name = "Windows-1252";
            }
        }
        return new DecodedText(StripBoms(text), name, null, 0);
    }

    private static bool IsBlank(StringBuilder field)
    {
        foreach (var chunk in field.GetChunks())
        {
            if (!chunk.Span.IsWhiteSpace())
            {
                return false;
            }
        }
        return true;
    }

    private static string StripBoms(string text) => text.TrimStart('\uFEFF');

    /// <summary>Guesses the delimiter from the header line: ';' unless the header has none and has tabs or commas.</summary>
    public static char GuessDelimiter(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        int semicolons = 0, tabs = 0, commas = 0;
        var quoted = false;
        foreach (var c in header)
        {
            switch (c)
            {
                case '"': quoted = !quoted; break;
                case ';' when !quoted: semicolons++; break;
                case '\t' when !quoted: tabs++; break;
                case ',' when !quoted: commas++; break;
            }
        }
        if (semicolons > 0 || (tabs == 0 && commas == 0))
        {
            return ';';
        }
        return tabs >= commas ? '\t' : ',';
    }

    /// <summary>
    /// Splits the text into records. Quoted fields may hold the delimiter, doubled quotes and line breaks;
    /// CR, LF and CRLF all end a record. Returns the line where an unclosed quote started, or 0.
    /// </summary>
    public static List<CsvRecord> Tokenize(string text, char delimiter, out int unclosedQuoteLine)
    {
        unclosedQuoteLine = 0;
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var i = 0;
        var fieldStarted = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && IsBlank(field))
            {
                // Quoted field: read until the closing quote, then keep whatever follows up to the delimiter.
                field.Clear();
                var close = -1;
                var j = i + 1;
                while (j < text.Length)
                {
                    if (text[j] == '"')
                    {
                        if (j + 1 < text.Length && text[j + 1] == '"')
                        {
                            field.Append('"');
                            j += 2;
                            continue;
                        }
                        close = j;
                        break;
                    }
                    field.Append(text[j]);
                    j++;
                }
                if (close < 0)
                {
                    unclosedQuoteLine = line;
                    i = text.Length;
                }
                else
                {
                    i = close + 1;
                }
                fieldStarted = true;
                continue;
            }
            if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldStarted = true;
                i++;
                continue;
            }
            if (c is '\r' or '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add(new CsvRecord(line, [.. fields]));
                fields.Clear();
                fieldStarted = false;
                line++;
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                continue;
            }
            field.Append(c);
            fieldStarted = true;
            i++;
        }
        if (fieldStarted || fields.Count > 0 || field.Length > 0)
        {
            fields.Add(field.ToString());
            records.Add(new CsvRecord(line, [.. fields]));
        }
        return records;
    }
}
