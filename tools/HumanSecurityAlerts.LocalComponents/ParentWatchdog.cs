namespace HumanSecurityAlerts.LocalComponents;

/// <summary>
/// Node.js scripts (Node.js is already a prerequisite, for Azurite) that end a local component when the process that
/// started it is gone, however it ended: that process holds the component's standard input open and never writes to it
/// (<see cref="ChildProcess.StartAsync"/> with <c>holdStandardInput</c>), so end-of-file means it has died, even by SIGKILL.
/// </summary>
internal static class ParentWatchdog
{
    /// <summary>
    /// Runs the Node.js entry point in argv[1] in this process; on end-of-file removes the working directory (the
    /// component's scratch folder, which no one else will clean up then) and exits.
    /// </summary>
    public const string RequireScript =
        "const quit=()=>{try{require('fs').rmSync(process.cwd(),{recursive:true,force:true})}catch{}process.exit(0)};" +
        "process.stdin.on('end',quit);process.stdin.on('error',quit);process.stdin.resume();require(process.argv[1]);";

    /// <summary>
    /// Runs argv[1] with the arguments after it as a child in a process group of its own, and on end-of-file kills
    /// that whole group: <c>dotnet tool run</c> starts the tool as a further process, which killing the launcher alone leaves behind.
    /// Exits with the child's exit code.
    /// </summary>
    public const string SpawnScript =
        "const cp=require('child_process');const win=process.platform==='win32';" +
        "const c=cp.spawn(process.argv[1],process.argv.slice(2),{stdio:['ignore','inherit','inherit'],detached:!win});" +
        "const quit=()=>{try{win?cp.spawnSync('taskkill',['/pid',String(c.pid),'/t','/f']):process.kill(-c.pid,'SIGKILL')}catch{}process.exit(0)};" +
        "process.stdin.on('end',quit);process.stdin.on('error',quit);process.stdin.resume();" +
        "c.on('error',e=>{console.error(e.message);process.exit(1)});c.on('exit',code=>process.exit(code??1));";
}
