using Preau.Web.Modules.Albums.Contracts;
using Preau.Web.Modules.Albums.Pages;
using Preau.Web.Modules.Albums.Thumbnails;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Albums;

internal static class AlbumsModule
{
    public static void AddAlbums(this WebApplicationBuilder builder)
    {
        builder.Services.AddPersonalData<AlbumsPersonalData>();
        builder.Services.AddSingleton<Home.Contracts.INewItemsSource, AlbumNewItems>();
        builder.Services.AddSingleton(builder.Configuration.GetSection("Preau:Albums").Get<AlbumsOptions>() ?? new AlbumsOptions());
        builder.Services.AddSingleton<ThumbnailSignal>();
        builder.Services.AddScoped<AlbumAccess>();
        builder.Services.AddScoped<AlbumActions>();
        builder.Services.AddScoped<IFileAccessPolicy, PhotoFileAccess>();
        builder.Services.AddScoped<IAlbumsDemo, AlbumsDemo>();
        builder.Services.AddSingleton<ThumbnailWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ThumbnailWorker>());
    }

    public static void MapAlbums(this WebApplication app) => AlbumZip.Map(app);
}
