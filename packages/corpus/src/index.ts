export { type CorpusArticle, corpusDir, loadCorpus } from './load.ts';
export { renderCorpus, renderSeedLayout } from './render.ts';
export { renderArticlePage } from './render-html.ts';
