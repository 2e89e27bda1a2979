namespace Preau.IntegrationTests.Infrastructure;

/// <summary>The read-only shared folder (sample ONDE files), found beside the repository as in CI.</summary>
public static class SharedData
{
    public static string OndeFolder(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Preau.slnx")))
        {
            dir = dir.Parent;
        }
        var folder = dir is null ? null : Path.Combine(dir.FullName, "..", "shared", "data", "onde", name);
        if (folder is null || !Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Dossier des fichiers ONDE d'exemple introuvable ({folder ?? "shared/data/onde"}) : le dossier shared/ doit se trouver à côté du dépôt.");
        }
        return folder;
    }
}
