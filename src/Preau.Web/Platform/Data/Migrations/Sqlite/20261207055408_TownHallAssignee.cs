using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Preau.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TownHallAssignee : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AssigneeId",
                table: "townhall_requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_townhall_requests_LocalAuthorityId_AssigneeId_CreatedAt",
                table: "townhall_requests",
                columns: new[] { "LocalAuthorityId", "AssigneeId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_townhall_requests_LocalAuthorityId_AssigneeId_CreatedAt",
                table: "townhall_requests");

            migrationBuilder.DropColumn(
                name: "AssigneeId",
                table: "townhall_requests");
        }
    }
}
