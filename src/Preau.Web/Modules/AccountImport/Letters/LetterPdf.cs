using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Preau.Web.Platform.Pdf;
using QRCoder;

namespace Preau.Web.Modules.AccountImport.Letters;

/// <summary>
/// Draws the letters: one A4 page per person. Fonts are embedded once (as subsets) and the QR code, the same
/// for every page, is one image shared by all pages, so that a school's letters stay small.
/// </summary>
internal static class LetterPdf
{
    private const double Margin = 56;

    public static byte[] Render(string schoolName, string loginUrl, IReadOnlyList<PrintedLetter> letters)
    {
        PdfFonts.EnsureInstalled();
        var document = new PdfDocument();
        document.Info.Title = "Préau — lettres de connexion";
        document.Info.Creator = "Préau";
        document.Options.CompressContentStreams = true;
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestCompression;
        document.Options.NoCompression = false;
        var qr = XImage.FromStream(new MemoryStream(QrPng(loginUrl)));
        var fonts = new Fonts();
        foreach (var letter in letters)
        {
            var page = document.AddPage();
            page.Size = PageSize.A4;
            using var gfx = XGraphics.FromPdfPage(page);
            if (letter.Recipient.IsPupil)
            {
                DrawPupil(gfx, page, fonts, schoolName, loginUrl, qr, letter);
            }
            else
            {
                DrawAdult(gfx, page, fonts, schoolName, loginUrl, qr, letter);
            }
        }
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static byte[] QrPng(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        // Black and white as RGBA: PDFsharp's PNG importer reads truecolour images, not the one-bit default.
        return new PngByteQRCode(data).GetGraphic(8, [0, 0, 0, 255], [255, 255, 255, 255]);
    }

    private sealed class Fonts
    {
        public XFont Title { get; } = new(PdfFonts.Family, 16, XFontStyleEx.Bold);
        public XFont Heading { get; } = new(PdfFonts.Family, 13, XFontStyleEx.Bold);
        public XFont Body { get; } = new(PdfFonts.Family, 11, XFontStyleEx.Regular);
        public XFont Small { get; } = new(PdfFonts.Family, 9, XFontStyleEx.Regular);
        public XFont Label { get; } = new(PdfFonts.Family, 11, XFontStyleEx.Regular);
    }

    private static void DrawAdult(XGraphics gfx, PdfPage page, Fonts f, string schoolName, string loginUrl, XImage qr, PrintedLetter letter)
    {
        var r = letter.Recipient;
        var width = page.Width.Point - 2 * Margin;
        var y = Margin;
        y = Paragraph(gfx, "Préau — votre accès à l'espace numérique de l'école", f.Title, Margin, y, width) + 4;
        if (schoolName.Length > 0)
        {
            y = Paragraph(gfx, schoolName, f.Heading, Margin, y, width) + 14;
        }
        y = Paragraph(gfx, $"Pour : {r.Name}", f.Heading, Margin, y, width) + 6;
        if (r.Children.Count > 0)
        {
            y = Paragraph(gfx, r.Children.Count == 1 ? "Votre enfant :" : "Vos enfants :", f.Body, Margin, y, width) + 2;
            foreach (var child in r.Children)
            {
                var line = child.ClassName is null ? child.Name : $"{child.Name} — {child.ClassName}";
                y = Paragraph(gfx, "•  " + line, f.Body, Margin + 12, y, width - 12) + 1;
            }
        }
        y += 16;

        // The credentials box, with the QR code to the login page on its right.
        const double qrSize = 130;
        var boxHeight = 170.0;
        gfx.DrawRectangle(new XPen(XColors.Gray, 1), new XRect(Margin, y, width, boxHeight));
        var inner = Margin + 14;
        var textWidth = width - qrSize - 40;
        var by = y + 14;
        gfx.DrawString("Identifiant :", f.Label, XBrushes.Black, new XRect(inner, by, textWidth, 14), XStringFormats.TopLeft);
        by += 18;
        by = Fitted(gfx, r.Login, 22, inner, by, textWidth) + 14;
        gfx.DrawString("Mot de passe provisoire :", f.Label, XBrushes.Black, new XRect(inner, by, textWidth, 14), XStringFormats.TopLeft);
        by += 18;
        Fitted(gfx, letter.Password, 24, inner, by, textWidth);
        gfx.DrawImage(qr, Margin + width - qrSize - 14, y + (boxHeight - qrSize) / 2, qrSize, qrSize);
        y += boxHeight + 8;
        y = Paragraph(gfx, $"Adresse de connexion : {loginUrl}", f.Body, Margin, y, width) + 18;

        y = Paragraph(gfx, "Pour commencer", f.Heading, Margin, y, width) + 6;
        string[] steps =
        [
            $"1. Connectez-vous sur {loginUrl} (ou scannez le code QR) avec l'identifiant et le mot de passe provisoire ci-dessus.",
            "2. Lisez et acceptez la charte d'utilisation de l'espace numérique.",
            "3. Choisissez votre mot de passe personnel : le mot de passe provisoire ne fonctionnera plus ensuite.",
            "4. Gardez ce document confidentiel : ne le confiez à personne et détruisez-le une fois votre mot de passe choisi.",
        ];
        foreach (var step in steps)
        {
            y = Paragraph(gfx, step, f.Body, Margin, y, width) + 5;
        }
        Paragraph(gfx, "Identifiant ou mot de passe perdu ? L'enseignant ou la direction de l'école peut vous en remettre un nouveau.",
            f.Small, Margin, page.Height.Point - Margin - 24, width);
    }

    private static void DrawPupil(XGraphics gfx, PdfPage page, Fonts f, string schoolName, string loginUrl, XImage qr, PrintedLetter letter)
    {
        var r = letter.Recipient;
        var width = page.Width.Point - 2 * Margin;
        var y = Margin;
        if (schoolName.Length > 0)
        {
            y = Paragraph(gfx, schoolName, f.Body, Margin, y, width) + 4;
        }
        if (r.ClassName is not null)
        {
            y = Paragraph(gfx, $"Classe : {r.ClassName}", f.Heading, Margin, y, width) + 24;
        }
        y = Fitted(gfx, $"Bonjour {r.FirstName} !", 30, Margin, y, width) + 16;
        y = Paragraph(gfx, "Pour aller sur Préau, l'espace numérique de ton école :", new XFont(PdfFonts.Family, 15, XFontStyleEx.Regular), Margin, y, width) + 24;

        gfx.DrawString("Mon identifiant :", new XFont(PdfFonts.Family, 18, XFontStyleEx.Regular), XBrushes.Black,
            new XRect(Margin, y, width, 22), XStringFormats.TopLeft);
        y += 28;
        y = Fitted(gfx, r.Login, 36, Margin, y, width) + 30;
        gfx.DrawString("Mon mot de passe :", new XFont(PdfFonts.Family, 18, XFontStyleEx.Regular), XBrushes.Black,
            new XRect(Margin, y, width, 22), XStringFormats.TopLeft);
        y += 28;
        y = Fitted(gfx, letter.Password, 48, Margin, y, width) + 40;

        y = Fitted(gfx, "Garde ce papier à la maison.", 22, Margin, y, width) + 30;
        const double qrSize = 110;
        gfx.DrawImage(qr, Margin, y, qrSize, qrSize);
        Paragraph(gfx, $"Pour les parents : adresse de connexion {loginUrl}. L'enfant doit d'abord accepter la charte.",
            f.Small, Margin + qrSize + 16, y + 20, width - qrSize - 16);
    }

    /// <summary>Draws wrapped text and returns the y below it.</summary>
    private static double Paragraph(XGraphics gfx, string text, XFont font, double x, double y, double width)
    {
        var lineHeight = font.GetHeight();
        var words = text.Split(' ');
        var line = "";
        foreach (var word in words)
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && gfx.MeasureString(candidate, font).Width > width)
            {
                gfx.DrawString(line, font, XBrushes.Black, new XRect(x, y, width, lineHeight), XStringFormats.TopLeft);
                y += lineHeight;
                line = word;
            }
            else
            {
                line = candidate;
            }
        }
        if (line.Length > 0)
        {
            gfx.DrawString(line, font, XBrushes.Black, new XRect(x, y, width, lineHeight), XStringFormats.TopLeft);
            y += lineHeight;
        }
        return y;
    }

    /// <summary>One bold line at the largest size up to <paramref name="size"/> that fits the width (long logins shrink).</summary>
    private static double Fitted(XGraphics gfx, string text, double size, double x, double y, double width)
    {
        var font = new XFont(PdfFonts.Family, size, XFontStyleEx.Bold);
        var measured = gfx.MeasureString(text, font).Width;
        if (measured > width)
        {
            font = new XFont(PdfFonts.Family, Math.Max(10, size * width / measured), XFontStyleEx.Bold);
        }
        var height = font.GetHeight();
        gfx.DrawString(text, font, XBrushes.Black, new XRect(x, y, width, height), XStringFormats.TopLeft);
        return y + height;
    }
}
