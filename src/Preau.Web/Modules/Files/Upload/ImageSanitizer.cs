using SkiaSharp;

namespace Preau.Web.Modules.Files.Upload;

/// <summary>
/// Re-encodes JPEG, PNG and WebP images so that nothing but the pixels survives: EXIF (GPS position, camera, date),
/// XMP, ICC and comments are dropped because the encoder writes none of them. The EXIF orientation is applied to
/// the pixels first (the tag itself is gone afterwards), and the longest side is capped. GIF is kept as sent
/// (re-encoding would lose its animation; GIF has no EXIF).
/// </summary>
internal static class ImageSanitizer
{
    public const int MaxSide = 4000;
    public const string Unreadable = "Cette image est abîmée ou illisible.";

    /// <summary>The clean bytes, or null when the image cannot be decoded.</summary>
    public static byte[]? Reencode(ReadOnlyMemory<byte> content, string contentType)
    {
        var format = contentType switch
        {
            "image/jpeg" => SKEncodedImageFormat.Jpeg,
            "image/png" => SKEncodedImageFormat.Png,
            "image/webp" => SKEncodedImageFormat.Webp,
            _ => throw new ArgumentOutOfRangeException(nameof(contentType), contentType, "Not a re-encoded image type."),
        };
        using var data = SKData.CreateCopy(content.Span);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return null;
        }
        var info = codec.Info;
        // A decompression bomb (a small file claiming a gigantic canvas) is refused before any allocation.
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > 100_000_000)
        {
            return null;
        }
        using var decoded = new SKBitmap(new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul));
        var result = codec.GetPixels(decoded.Info, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return null;
        }
        // Each step makes a new bitmap only when it changes something: a 3000×2000 photo is 24 Mo of pixels per copy.
        using var rotated = Orient(decoded, codec.EncodedOrigin);
        var oriented = rotated ?? decoded;
        using var capped = Cap(oriented);
        var sized = capped ?? oriented;
        using var image = SKImage.FromBitmap(sized);
        using var encoded = image.Encode(format, format == SKEncodedImageFormat.Png ? 100 : 88);
        return encoded?.ToArray();
    }

    /// <summary>
    /// JPEG copies whose longest side is at most each of <paramref name="longestSides"/> (never enlarged), from an image
    /// already sanitized. The decoder scales down while decoding when it can, so a large photo never sits in memory at
    /// full size more than needed. Null when the image cannot be decoded.
    /// </summary>
    public static IReadOnlyList<byte[]>? Variants(ReadOnlyMemory<byte> content, IReadOnlyList<int> longestSides)
    {
        using var data = SKData.CreateCopy(content.Span);
        using var codec = SKCodec.Create(data);
        if (codec is null || longestSides.Count == 0)
        {
            return null;
        }
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > 100_000_000)
        {
            return null;
        }
        var largest = Math.Min(longestSides.Max(), Math.Max(info.Width, info.Height));
        var scale = (float)largest / Math.Max(info.Width, info.Height);
        // JPEG decoders give 1/2, 1/4, 1/8 sizes for free; ask for the smallest one still at least as large as needed.
        var decodeSize = codec.GetScaledDimensions(scale);
        if (decodeSize.Width < Math.Round(info.Width * scale) || decodeSize.Height < Math.Round(info.Height * scale))
        {
            decodeSize = info.Size;
        }
        var decodeInfo = new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(decodeInfo);
        var result = codec.GetPixels(decodeInfo, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return null;
        }
        var output = new List<byte[]>(longestSides.Count);
        foreach (var side in longestSides)
        {
            var longest = Math.Max(info.Width, info.Height);
            var target = Math.Min(side, longest);
            var s = (double)target / longest;
            var size = new SKImageInfo(Math.Max(1, (int)Math.Round(info.Width * s)), Math.Max(1, (int)Math.Round(info.Height * s)), SKColorType.Rgba8888, SKAlphaType.Premul);
            using var resized = size.Width == decoded.Width && size.Height == decoded.Height
                ? decoded.Copy()
                : decoded.Resize(size, new SKSamplingOptions(SKCubicResampler.Mitchell)) ?? decoded.Copy();
            // Transparent areas (PNG, WebP) become white rather than black in a JPEG.
            using var flat = new SKBitmap(new SKImageInfo(resized.Width, resized.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
            using (var canvas = new SKCanvas(flat))
            {
                canvas.Clear(SKColors.White);
                using var resizedImage = SKImage.FromBitmap(resized);
                canvas.DrawImage(resizedImage, 0, 0, SKSamplingOptions.Default);
            }
            using var image = SKImage.FromBitmap(flat);
            using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, 82);
            if (encoded is null)
            {
                return null;
            }
            output.Add(encoded.ToArray());
        }
        return output;
    }

    /// <summary>The upright picture, or null when it already is.</summary>
    private static SKBitmap? Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default)
        {
            return null;
        }
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (w, h) = swap ? (source.Height, source.Width) : (source.Width, source.Height);
        var target = new SKBitmap(new SKImageInfo(w, h, source.ColorType, source.AlphaType));
        using var canvas = new SKCanvas(target);
        canvas.SetMatrix(OrientationMatrix(origin, source.Width, source.Height));
        using (var image = SKImage.FromBitmap(source))
        {
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        }
        canvas.Flush();
        return target;
    }

    /// <summary>The transform that maps the stored pixels to the displayed picture (EXIF orientations 2 to 8).</summary>
    private static SKMatrix OrientationMatrix(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };

    /// <summary>The picture reduced to <see cref="MaxSide"/>, or null when it is small enough.</summary>
    private static SKBitmap? Cap(SKBitmap source)
    {
        var longest = Math.Max(source.Width, source.Height);
        if (longest <= MaxSide)
        {
            return null;
        }
        var scale = (double)MaxSide / longest;
        var info = new SKImageInfo(Math.Max(1, (int)Math.Round(source.Width * scale)), Math.Max(1, (int)Math.Round(source.Height * scale)), source.ColorType, source.AlphaType);
        return source.Resize(info, new SKSamplingOptions(SKCubicResampler.Mitchell)) ?? source.Copy();
    }
}
