using Preau.Web.Modules.Albums.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Data;
using SkiaSharp;

namespace Preau.Web.Modules.Albums;

/// <summary>The demo's "Sortie au musée" album: plain coloured pictures with a caption drawn in, through the same upload as the page.</summary>
internal sealed class AlbumsDemo(AlbumActions actions, PreauDbContext db) : IAlbumsDemo
{
    private static readonly (string Caption, SKColor Colour)[] Pictures =
    [
        ("Le départ en car", new SKColor(0x2E, 0x6F, 0xB7)),
        ("Devant le musée", new SKColor(0x3A, 0x8F, 0x5C)),
        ("L'atelier peinture", new SKColor(0xC2, 0x5B, 0x2A)),
        ("Le pique-nique", new SKColor(0x8A, 0x4F, 0xA8)),
    ];

    public async Task SeedClassAlbumAsync(Guid classId, Guid teacherId, CancellationToken ct = default)
    {
        var album = await actions.CreateAsync(ScopeType.Class, classId, "Sortie au musée", "Notre journée au musée Georges-Garret de Vesoul.", teacherId, ct);
        var result = await actions.AddPhotosAsync(album,
            [.. Pictures.Select((p, i) => new PhotoUploadItem($"sortie-{i + 1}.jpg", () => new MemoryStream(Picture(p.Caption, p.Colour, 1200, 800))))],
            teacherId, ct);
        for (var i = 0; i < result.Added.Count; i++)
        {
            var photo = await db.AlbumPhotos.FindAsync([result.Added[i]], ct);
            photo!.Caption = Pictures[i].Caption;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A JPEG of one colour with a text in the middle (also used by the benchmark).</summary>
    internal static byte[] Picture(string text, SKColor colour, int width, int height, int seed = 0)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(colour);
            // A few shapes so that JPEG sizes look like photos rather than flat colour.
            var random = new Random(seed);
            using var paint = new SKPaint { IsAntialias = true };
            for (var i = 0; i < 40; i++)
            {
                paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), 90);
                canvas.DrawCircle(random.Next(width), random.Next(height), random.Next(width / 20, width / 5), paint);
            }
            using var font = new SKFont(SKTypeface.Default, height / 10f);
            using var textPaint = new SKPaint { Color = SKColors.White, IsAntialias = true };
            canvas.DrawText(text, width / 2f, height / 2f, SKTextAlign.Center, font, textPaint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}
