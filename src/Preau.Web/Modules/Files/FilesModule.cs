using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.Files.Serving;
using Preau.Web.Modules.Files.Storage;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Files;

internal static class FilesModule
{
    public static void AddFiles(this WebApplicationBuilder builder)
    {
        builder.Services.AddPersonalData<FilesPersonalData>();
        var options = builder.Configuration.GetSection("Preau:Files").Get<FilesOptions>() ?? new FilesOptions();
        builder.Services.AddSingleton(options);
        var root = string.IsNullOrWhiteSpace(options.Path)
            ? Path.Combine(DataPaths.Root(builder.Configuration, builder.Environment), "files")
            : Path.GetFullPath(options.Path, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton<IFileStore>(new LocalFileStore(root));
        builder.Services.AddScoped<FileService>();
        builder.Services.AddScoped<IFileService>(sp => sp.GetRequiredService<FileService>());
        builder.Services.AddScoped<FileCleanup>();
        if (builder.Configuration.GetValue("Preau:Files:Cleanup", true))
        {
            builder.Services.AddHostedService<FileCleanupService>();
        }
    }

    public static void MapFiles(this WebApplication app) => FileEndpoints.MapFiles(app);
}
