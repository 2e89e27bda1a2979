using PdfSharp.Fonts;

namespace Preau.Web.Platform.Pdf;

/// <summary>
/// DejaVu Sans (regular and bold), shipped inside the assembly: PDFs (login letters, skills sheets) look the same on every server and
/// never depend on the fonts installed there. PDFsharp's resolver is process-wide, so it is set once.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, byte[]> Cache = [];

    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not PdfFonts)
            {
                GlobalFontSettings.FontResolver = new PdfFonts();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? Bold : Regular);

    public byte[]? GetFont(string faceName)
    {
        lock (Gate)
        {
            if (Cache.TryGetValue(faceName, out var cached))
            {
                return cached;
            }
            using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream($"Preau.Letters.{faceName}.ttf");
            if (stream is null)
            {
                return null;
            }
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return Cache[faceName] = copy.ToArray();
        }
    }
}
