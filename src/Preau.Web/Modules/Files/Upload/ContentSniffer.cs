using System.IO.Compression;
using System.Text;

namespace Preau.Web.Modules.Files.Upload;

internal enum SniffedKind { Image, Pdf, Text, Office, Audio }

/// <summary>A type recognised from the content, with the extension a file of that type must carry.</summary>
internal sealed record SniffedType(string ContentType, string Extension, SniffedKind Kind);

/// <summary>Either the recognised type or, in French, why the content is refused.</summary>
internal sealed record SniffResult(SniffedType? Type, string? Refusal);

/// <summary>
/// Recognises the allowed types from their first bytes (magic numbers), never from the name or the browser's
/// claim: a ".jpg" that is HTML or a program is refused. Zip-based office documents are opened to tell an
/// OpenDocument or Office Open XML file from any other zip.
/// </summary>
internal static class ContentSniffer
{
    public const string Executable = "Ce fichier est un programme exécutable : il n'est pas accepté.";
    public const string Html = "Ce fichier contient une page web (HTML) : il n'est pas accepté.";
    public const string Unknown = "Ce type de fichier n'est pas accepté. Types acceptés : images (JPEG, PNG, GIF, WebP), PDF, texte, documents bureautiques (OpenDocument, Word, Excel, PowerPoint) et MP3.";

    private static readonly Dictionary<string, SniffedType> Odf = new(StringComparer.Ordinal)
    {
        ["application/vnd.oasis.opendocument.text"] = new("application/vnd.oasis.opendocument.text", ".odt", SniffedKind.Office),
        ["application/vnd.oasis.opendocument.spreadsheet"] = new("application/vnd.oasis.opendocument.spreadsheet", ".ods", SniffedKind.Office),
        ["application/vnd.oasis.opendocument.presentation"] = new("application/vnd.oasis.opendocument.presentation", ".odp", SniffedKind.Office),
        ["application/vnd.oasis.opendocument.graphics"] = new("application/vnd.oasis.opendocument.graphics", ".odg", SniffedKind.Office),
    };

    /// <summary>Sniffs the whole upload (already bounded by the size limit).</summary>
    public static SniffResult Sniff(ReadOnlyMemory<byte> whole)
    {
        var data = whole.Span;
        if (data.Length == 0)
        {
            return new(null, "Le fichier est vide.");
        }
        if (IsExecutable(data))
        {
            return new(null, Executable);
        }
        if (Starts(data, [0xFF, 0xD8, 0xFF]))
        {
            return Ok("image/jpeg", ".jpg", SniffedKind.Image);
        }
        if (Starts(data, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Ok("image/png", ".png", SniffedKind.Image);
        }
        if (Starts(data, "GIF87a"u8) || Starts(data, "GIF89a"u8))
        {
            return Ok("image/gif", ".gif", SniffedKind.Image);
        }
        if (data.Length >= 12 && Starts(data, "RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return Ok("image/webp", ".webp", SniffedKind.Image);
        }
        if (Starts(data, "%PDF-"u8))
        {
            return Ok("application/pdf", ".pdf", SniffedKind.Pdf);
        }
        if (Starts(data, "ID3"u8) || IsMpegAudioFrame(data))
        {
            return Ok("audio/mpeg", ".mp3", SniffedKind.Audio);
        }
        if (Starts(data, [0x50, 0x4B, 0x03, 0x04]))
        {
            return SniffZip(data, whole);
        }
        return SniffText(data);
    }

    private static SniffResult Ok(string contentType, string extension, SniffedKind kind) => new(new(contentType, extension, kind), null);

    private static bool Starts(ReadOnlySpan<byte> data, ReadOnlySpan<byte> magic) => data.StartsWith(magic);

    /// <summary>Windows/DOS (MZ), Linux (ELF), macOS (Mach-O, fat) programs and scripts with a "#!" line.</summary>
    private static bool IsExecutable(ReadOnlySpan<byte> d) =>
        Starts(d, "MZ"u8) || Starts(d, [0x7F, 0x45, 0x4C, 0x46]) || Starts(d, "#!"u8)
        || Starts(d, [0xFE, 0xED, 0xFA, 0xCE]) || Starts(d, [0xFE, 0xED, 0xFA, 0xCF])
        || Starts(d, [0xCE, 0xFA, 0xED, 0xFE]) || Starts(d, [0xCF, 0xFA, 0xED, 0xFE]) || Starts(d, [0xCA, 0xFE, 0xBA, 0xBE]);

    /// <summary>An MPEG-1/2 audio frame header (no ID3 tag): sync bits, a known version and layer, a valid bitrate.</summary>
    private static bool IsMpegAudioFrame(ReadOnlySpan<byte> d) =>
        d.Length >= 4 && d[0] == 0xFF && (d[1] & 0xE0) == 0xE0
        && ((d[1] >> 3) & 0x03) != 0x01 && ((d[1] >> 1) & 0x03) != 0x00
        && (d[2] >> 4) != 0x0F && (d[2] >> 4) != 0x00 && ((d[2] >> 2) & 0x03) != 0x03;

    private static SniffResult SniffZip(ReadOnlySpan<byte> data, ReadOnlyMemory<byte> whole)
    {
        // OpenDocument: the first entry is "mimetype", stored uncompressed, so its content is at a fixed place.
        if (data.Length > 38 && data[30..38].SequenceEqual("mimetype"u8))
        {
            var end = data[38..].IndexOfAny((byte)'P', (byte)0);
            var mime = Encoding.ASCII.GetString(data.Slice(38, end < 0 ? Math.Min(80, data.Length - 38) : end));
            if (Odf.TryGetValue(mime.Trim(), out var odf))
            {
                return new(odf, null);
            }
        }
        try
        {
            using var zip = new ZipArchive(new MemoryStream(whole.ToArray(), writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            if (names.Contains("[Content_Types].xml"))
            {
                if (names.Any(n => n.StartsWith("word/", StringComparison.Ordinal)))
                {
                    return Ok("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", SniffedKind.Office);
                }
                if (names.Any(n => n.StartsWith("xl/", StringComparison.Ordinal)))
                {
                    return Ok("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", SniffedKind.Office);
                }
                if (names.Any(n => n.StartsWith("ppt/", StringComparison.Ordinal)))
                {
                    return Ok("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx", SniffedKind.Office);
                }
            }
        }
        catch (InvalidDataException)
        {
            return new(null, "Ce fichier compressé est abîmé ou illisible.");
        }
        return new(null, "Les archives compressées (zip) ne sont pas acceptées, seulement les documents bureautiques.");
    }

    /// <summary>Plain text: no control characters, UTF-8 (or, failing that, Windows-1252); never HTML, SVG or XML markup.</summary>
    private static SniffResult SniffText(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C))
            {
                return new(null, Unknown);
            }
        }
        var body = data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? data[3..] : data;
        var isUtf8 = System.Text.Unicode.Utf8.IsValid(body);
        var start = (isUtf8 ? Encoding.UTF8 : Encoding.Latin1).GetString(body[..Math.Min(body.Length, 1024)]).TrimStart().ToLowerInvariant();
        string[] markup = ["<!doctype", "<html", "<head", "<body", "<script", "<svg", "<?xml", "<iframe", "<!--", "<meta", "<a ", "<img", "<div", "<style", "<title"];
        if (markup.Any(m => start.StartsWith(m, StringComparison.Ordinal)) || start.Contains("<script", StringComparison.Ordinal) || start.Contains("<html", StringComparison.Ordinal))
        {
            return new(null, Html);
        }
        return Ok(isUtf8 ? "text/plain; charset=utf-8" : "text/plain; charset=windows-1252", ".txt", SniffedKind.Text);
    }
}
