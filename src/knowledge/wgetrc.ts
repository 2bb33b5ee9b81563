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

/** The name as wget compares it. */
export function wgetrcName(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}
