using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TwilioConsole.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SandboxResources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SandboxResources",
                columns: table => new
                {
                    Sid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ParentSid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxResources", x => x.Sid);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SandboxResources_Kind_ParentSid_CreatedAt",
                table: "SandboxResources",
                columns: new[] { "Kind", "ParentSid", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SandboxResources");
        }
    }
}
