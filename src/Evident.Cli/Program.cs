using Evident.Cli;

return EvidentCommand.Create().Parse(args).Invoke();
