namespace Preau.Tests.Architecture;

public sealed class EntityIdTests
{
    /// <summary>ADR 0018: an initializer would draw a random GUID (a system call) for every row EF Core reads.</summary>
    [Fact]
    public void NoEntityDrawsANewGuidEachTimeItIsBuilt()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Preau.slnx")))
        {
            root = root.Parent ?? throw new InvalidOperationException("Preau.slnx not found above the test binaries.");
        }
        var offenders = Directory.EnumerateFiles(Path.Combine(root.FullName, "src", "Preau.Web"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => l.Text.Contains("{ get; set; } = Guid.NewGuid()", StringComparison.Ordinal)
                || l.Text.Contains("{ get; init; } = Guid.NewGuid()", StringComparison.Ordinal))
            .Select(l => $"{Path.GetRelativePath(root.FullName, l.File)}:{l.Line}")
            .ToList();
        Assert.True(offenders.Count == 0, "Use `{ get => field == Guid.Empty ? field = Guid.NewGuid() : field; set; }`:\n" + string.Join('\n', offenders));
    }
}
