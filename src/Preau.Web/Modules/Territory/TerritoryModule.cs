namespace Preau.Web.Modules.Territory;

internal static class TerritoryModule
{
    public static void AddTerritory(this WebApplicationBuilder builder)
    {
        _ = builder;
    }
}
