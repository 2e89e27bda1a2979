using System.Diagnostics;

namespace Preau.IntegrationTests.Infrastructure;

/// <summary>Reads login letters as a person would: the PDF's text through pdftotext (poppler-utils).</summary>
public static class PdfText
{
    /// <summary>The PDF's text; null when poppler-utils is missing outside CI (the caller then skips that check).</summary>
    public static async Task<string?> ReadAsync(byte[] pdf)
    {
        const string tool = "/usr/bin/pdftotext";
        if (!File.Exists(tool))
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "pdftotext (poppler-utils) is required in CI.");
            return null;
        }
        var file = Path.Combine(Path.GetTempPath(), $"preau-letters-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, ["-layout", file, "-"]) { RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The value printed on the line after <paramref name="label"/> in the letter that names <paramref name="login"/>.</summary>
    public static string ValueAfter(string text, string login, string label)
    {
        var page = text.Split('\f').Single(p => p.Contains(login, StringComparison.Ordinal));
        var lines = page.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var index = lines.FindIndex(l => l.StartsWith(label, StringComparison.Ordinal));
        Assert.True(index >= 0, $"No « {label} » on the letter of {login}");
        return lines[index + 1].Split("  ", StringSplitOptions.RemoveEmptyEntries)[0].Trim();
    }
}
