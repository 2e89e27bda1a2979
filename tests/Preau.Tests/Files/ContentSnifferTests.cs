using System.IO.Compression;
using System.Text;
using Preau.Web.Modules.Files;
using Preau.Web.Modules.Files.Upload;
using SkiaSharp;

namespace Preau.Tests.Files;

public sealed class ContentSnifferTests
{
    private static SniffResult Sniff(byte[] bytes) => ContentSniffer.Sniff(bytes);

    private static byte[] Image(SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(8, 6);
        bitmap.Erase(SKColors.Orange);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    private static byte[] Zip(params (string Name, string Content, bool Stored)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, stored) in entries)
            {
                using var w = new StreamWriter(zip.CreateEntry(name, stored ? CompressionLevel.NoCompression : CompressionLevel.Optimal).Open());
                w.Write(content);
            }
        }
        return ms.ToArray();
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg", ".jpg")]
    [InlineData(SKEncodedImageFormat.Png, "image/png", ".png")]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp", ".webp")]
    public void RealImages_AreRecognisedByTheirBytes(SKEncodedImageFormat format, string type, string extension)
    {
        var result = Sniff(Image(format));
        Assert.Equal(type, result.Type?.ContentType);
        Assert.Equal(extension, result.Type?.Extension);
    }

    [Fact]
    public void Gif_Pdf_Mp3_AreRecognised()
    {
        Assert.Equal("image/gif", Sniff("GIF89a\x01\0\x01\0\0\0\0;"u8.ToArray()).Type?.ContentType);
        Assert.Equal("application/pdf", Sniff("%PDF-1.7\n%%EOF"u8.ToArray()).Type?.ContentType);
        Assert.Equal("audio/mpeg", Sniff([.. "ID3"u8, 4, 0, 0, 0, 0, 0, 0]).Type?.ContentType);
        // A bare MPEG-1 Layer III frame header, 128 kbit/s, 44.1 kHz.
        Assert.Equal("audio/mpeg", Sniff([0xFF, 0xFB, 0x90, 0x64, 0, 0, 0, 0]).Type?.ContentType);
    }

    [Fact]
    public void OfficeDocuments_AreRecognisedInsideTheZip_OtherZipsAreRefused()
    {
        var odt = Zip(("mimetype", "application/vnd.oasis.opendocument.text", true), ("content.xml", "<office:document-content/>", false));
        Assert.Equal((".odt", "application/vnd.oasis.opendocument.text"), (Sniff(odt).Type?.Extension, Sniff(odt).Type?.ContentType));
        var docx = Zip(("[Content_Types].xml", "<Types/>", false), ("word/document.xml", "<w:document/>", false));
        Assert.Equal(".docx", Sniff(docx).Type?.Extension);
        var xlsx = Zip(("[Content_Types].xml", "<Types/>", false), ("xl/workbook.xml", "<workbook/>", false));
        Assert.Equal(".xlsx", Sniff(xlsx).Type?.Extension);
        var plain = Zip(("virus.exe", "MZ", false));
        Assert.Null(Sniff(plain).Type);
        Assert.Contains("zip", Sniff(plain).Refusal);
    }

    [Fact]
    public void PlainText_IsAccepted_Utf8OrWindows1252()
    {
        Assert.Equal("text/plain; charset=utf-8", Sniff(Encoding.UTF8.GetBytes("Réunion à 18 h.\r\nMerci.")).Type?.ContentType);
        Assert.Equal("text/plain; charset=windows-1252", Sniff(Encoding.Latin1.GetBytes("Réunion à 18 h.")).Type?.ContentType);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body>x</body></html>")]
    [InlineData("  \n<html>")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>")]
    [InlineData("<?xml version='1.0'?><x/>")]
    [InlineData("Bonjour <script>alert(1)</script>")]
    public void Html_AndMarkup_AreRefusedInFrench(string text)
    {
        var result = Sniff(Encoding.UTF8.GetBytes(text));
        Assert.Null(result.Type);
        Assert.Equal(ContentSniffer.Html, result.Refusal);
    }

    [Theory]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03 })]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01 })]
    [InlineData(new byte[] { 0xCF, 0xFA, 0xED, 0xFE, 0x07, 0x00 })]
    [InlineData(new byte[] { 0x23, 0x21, 0x2F, 0x62, 0x69, 0x6E, 0x2F, 0x73, 0x68 })]
    public void Executables_AreRefusedInFrench(byte[] bytes)
    {
        var result = Sniff(bytes);
        Assert.Null(result.Type);
        Assert.Equal(ContentSniffer.Executable, result.Refusal);
    }

    [Fact]
    public void BinaryGarbage_AndEmptyFiles_AreRefused()
    {
        Assert.Equal(ContentSniffer.Unknown, Sniff([0x00, 0x01, 0x02, 0xFE]).Refusal);
        Assert.Equal("Le fichier est vide.", Sniff([]).Refusal);
    }

    [Theory]
    [InlineData("photo.png", ".jpg", "photo.jpg")]
    [InlineData("PHOTO.JPEG", ".jpg", "PHOTO.JPEG")]
    [InlineData("devoirs", ".pdf", "devoirs.pdf")]
    [InlineData("../../etc/passwd", ".txt", "passwd.txt")]
    [InlineData("C:\\Users\\x\\Mes documents\\liste.txt", ".txt", "liste.txt")]
    public void Names_LoseTheirFolders_AndTakeTheExtensionOfTheContent(string name, string extension, string expected) =>
        Assert.Equal(expected, FileService.WithExtension(FileService.CleanName(name), extension));

    [Fact]
    public void ImageSanitizer_CapsTheLongestSide()
    {
        using var bitmap = new SKBitmap(ImageSanitizer.MaxSide + 800, 100);
        bitmap.Erase(SKColors.Green);
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        var clean = ImageSanitizer.Reencode(png.ToArray(), "image/png");
        using var decoded = SKBitmap.Decode(clean);
        Assert.Equal(ImageSanitizer.MaxSide, decoded.Width);
        Assert.Null(ImageSanitizer.Reencode(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3 }, "image/jpeg"));
    }
}
