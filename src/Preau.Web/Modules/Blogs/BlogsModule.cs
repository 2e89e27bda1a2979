using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Blogs;

internal static class BlogsModule
{
    public static void AddBlogs(this WebApplicationBuilder builder)
    {
        builder.Services.AddPersonalData<BlogsPersonalData>();
        builder.Services.AddSingleton<Home.Contracts.INewItemsSource, BlogNewItems>();
        builder.Services.AddScoped<BlogRightsService>();
        builder.Services.AddScoped<BlogQueries>();
        builder.Services.AddScoped<BlogActions>();
        builder.Services.AddScoped<Contracts.IBlogCounts, BlogCounts>();
        builder.Services.AddScoped<Showcase.ShowcaseQuery>();
        builder.Services.AddScoped<SchoolSheets.SchoolSheetService>();
        builder.Services.AddScoped<IFileAccessPolicy, ArticleFileAccess>();
    }

    public static void MapBlogs(this WebApplication app) => BlogEndpoints.MapBlogs(app);
}
