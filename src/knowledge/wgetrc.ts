// wget's `-e CMD` / `--execute=CMD` runs a .wgetrc command, and most .wgetrc commands are wget's
// options by another name: `-e output_document=~/.bashrc` is `-O ~/.bashrc`, `-e post_file=...`
// uploads a file, `-e use_askpass=./x` runs a program. Names are case-, `_`- and `-`-insensitive
// (`OUTPUT-DOCUMENT`, `outputdocument`). Those known only to tune a download pass; those equal to
// an option are judged as that option; any other is unknown. (GNU wget 1.21 manual, "Wgetrc Commands".)

/** Normalised names (lower case, no `_` or `-`) of commands that only tune how a download runs. */
export const WGETRC_TUNING: ReadonlySet<string> = new Set([
  'tries', 'timeout', 'readtimeout', 'connecttimeout', 'dnstimeout', 'wait', 'waitretry', 'randomwait', 'retryconnrefused', 'retryonhosterror',
  'retryonhttperror', 'quiet', 'verbose', 'progress', 'showprogress', 'dotstyle', 'dotbytes', 'dotspacing', 'dotsinline', 'serverresponse',
  'useragent', 'robots', 'checkcertificate', 'limitrate', 'passiveftp', 'continue', 'timestamping', 'noclobber', 'inet4only', 'inet6only',
  'preferfamily', 'maxredirect', 'httpsonly', 'secureprotocol', 'compression', 'cache', 'cookies', 'iri', 'localencoding', 'remoteencoding',
  'ignorecase', 'ignorelength', 'debug', 'contentdisposition', 'contentonerror', 'restrictfilenames', 'adjustextension', 'httpkeepalive',
  'noparent', 'level', 'recursive', 'reclevel', 'accept', 'reject', 'acceptregex', 'rejectregex', 'regextype', 'domains', 'excludedomains',
  'spanhosts', 'followftp', 'followtags', 'ignoretags', 'relativeonly', 'includedirectories', 'excludedirectories', 'dirstruct',
  'addhostdir', 'protocoldirectories', 'cutdirs', 'pagerequisites', 'convertlinks', 'mirror', 'glob', 'removelisting', 'retrsymlinks',
  'preservepermissions', 'strictcomments', 'useservertimestamps', 'quota', 'hsts', 'startpos', 'reportspeed', 'backups', 'unlink',
  'trustservernames', 'dnscache', 'httpproxy', 'httpsproxy', 'ftpproxy', 'noproxy', 'useproxy', 'defaultpage', 'chooseconfig',
]);

/** Normalised command names that are an option of wget's command line, judged as that option. */
export const WGETRC_OPTIONS: Readonly<Record<string, string>> = {
  outputdocument: '--output-document', logfile: '--output-file', dirprefix: '--directory-prefix', input: '--input-file', base: '--base',
  postfile: '--post-file', bodyfile: '--body-file', postdata: '--post-data', bodydata: '--body-data', method: '--method', header: '--header',
  useaskpass: '--use-askpass', user: '--user', password: '--password', httpuser: '--http-user', httppassword: '--http-password',
  ftpuser: '--ftp-user', ftppassword: '--ftp-password', proxyuser: '--proxy-user', proxypassword: '--proxy-password',
  loadcookies: '--load-cookies', savecookies: '--save-cookies', certificate: '--certificate', privatekey: '--private-key',
  cacertificate: '--ca-certificate', cadirectory: '--ca-directory', hstsfile: '--hsts-file', warcfile: '--warc-file',
  referer: '--referer', deleteafter: '--delete-after',
};

/** wget's long options (GNU wget 1.21 `--help`): getopt_long takes an unambiguous prefix for any of
 *  them (`--output-doc=F` is `--output-document=F`, `--exec=CMD` is `--execute=CMD`). */
export const WGET_LONG_OPTIONS: readonly string[] = [
  '--accept', '--accept-regex', '--adjust-extension', '--append-output', '--ask-password', '--auth-no-challenge', '--background',
  '--backup-converted', '--backups', '--base', '--bind-address', '--body-data', '--body-file', '--ca-certificate',
  '--ca-directory', '--certificate', '--certificate-type', '--ciphers', '--compression', '--config', '--connect-timeout',
  '--content-disposition', '--content-on-error', '--continue', '--convert-file-only', '--convert-links', '--crl-file',
  '--cut-dirs', '--debug', '--default-page', '--delete-after', '--directory-prefix', '--dns-timeout', '--domains',
  '--exclude-directories', '--exclude-domains', '--execute', '--follow-ftp', '--follow-tags', '--force-directories',
  '--force-html', '--ftp-password', '--ftp-user', '--ftps-clear-data-connection', '--ftps-fallback-to-ftp', '--ftps-implicit',
  '--ftps-resume-ssl', '--header', '--help', '--hsts-file', '--http-password', '--http-user', '--https-only', '--ignore-case',
  '--ignore-length', '--ignore-tags', '--include-directories', '--inet4-only', '--inet6-only', '--input-file',
  '--keep-session-cookies', '--level', '--limit-rate', '--load-cookies', '--local-encoding', '--max-redirect', '--method',
  '--mirror', '--no-cache', '--no-check-certificate', '--no-clobber', '--no-config', '--no-cookies', '--no-directories',
  '--no-dns-cache', '--no-glob', '--no-host-directories', '--no-hsts', '--no-http-keep-alive', '--no-if-modified-since',
  '--no-iri', '--no-netrc', '--no-parent', '--no-passive-ftp', '--no-proxy', '--no-remove-listing', '--no-use-server-timestamps',
  '--no-verbose', '--no-warc-compression', '--no-warc-digests', '--no-warc-keep-log', '--output-document', '--output-file',
  '--page-requisites', '--password', '--pinnedpubkey', '--post-data', '--post-file', '--prefer-family', '--preserve-permissions',
  '--private-key', '--private-key-type', '--progress', '--protocol-directories', '--proxy-password', '--proxy-user', '--quiet',
  '--quota', '--random-wait', '--read-timeout', '--recursive', '--referer', '--regex-type', '--reject', '--reject-regex',
  '--rejected-log', '--relative', '--remote-encoding', '--report-speed', '--restrict-file-names', '--retr-symlinks',
  '--retry-connrefused', '--retry-on-http-error', '--save-cookies', '--save-headers', '--secure-protocol', '--server-response',
  '--show-progress', '--span-hosts', '--spider', '--start-pos', '--strict-comments', '--timeout', '--timestamping', '--tries',
  '--trust-server-names', '--unlink', '--use-askpass', '--user', '--user-agent', '--verbose', '--version', '--wait',
  '--waitretry', '--warc-cdx', '--warc-dedup', '--warc-file', '--warc-header', '--warc-max-size', '--warc-tempdir', '--xattr'
];

/** The name as wget compares it. */
export function wgetrcName(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}
